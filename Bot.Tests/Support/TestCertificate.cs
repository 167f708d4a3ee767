using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Tests.Support;

/// <summary>
/// A self-signed certificate for 127.0.0.1, made in the test, for the fake authority and connector: MSAL insists on an
/// https authority and the bot sends its token to https hosts only. The bot trusts exactly this certificate through
/// its named HttpClients — a test-only registration; production code validates certificates as usual.
/// </summary>
public static class TestCertificate
{
    public static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        // Through PKCS#12 so Kestrel gets a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }

    /// <summary>Makes the bot's named HttpClients accept this one certificate (pinned by thumbprint) and nothing else unusual.</summary>
    public static void TrustIn(IServiceCollection services, X509Certificate2 certificate, params string[] httpClientNames)
    {
        var pinned = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        foreach (var name in httpClientNames)
        {
            services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                        errors == SslPolicyErrors.None
                        || (presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == pinned),
                },
            });
        }
    }
}
