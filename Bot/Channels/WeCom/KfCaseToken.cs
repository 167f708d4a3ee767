using System.Security.Cryptography;
using System.Text;

namespace Bot.Channels.WeCom;

/// <summary>
/// The scene_param of a case's kf link (wecom.md §9.1 step 1, ≤ 128 bytes): "{ownerId}~{caseId}.{mac}", base64url,
/// with an HMAC-SHA256 (first 16 bytes) under <see cref="WeComOptions.KfCaseTokenKey"/>. WeCom echoes it back in
/// enter_session; only a token we signed binds the customer's external_userid to that owner.
/// </summary>
public static class KfCaseToken
{
    private const int MacBytes = 16;
    private const int MaxBytes = 128;

    public static string Create(string key, string ownerId, string caseId)
    {
        if (ownerId.Contains('~', StringComparison.Ordinal)) throw new ArgumentException("An owner id may not contain '~'.", nameof(ownerId));
        var payload = Encoding.UTF8.GetBytes(ownerId + "~" + caseId);
        var token = Base64Url(payload) + "." + Base64Url(Mac(key, payload));
        return token.Length <= MaxBytes ? token : throw new ArgumentException("Owner and case id are too long for a scene_param (128 bytes).");
    }

    /// <summary>
    /// The link staff send an owner when a case closes: the kf account's link (WeCom:KfContactUrl) with the case token as
    /// scene_param, which WeCom echoes in enter_session (wecom.md §9.1 step 1).
    /// </summary>
    public static string Link(string contactUrl, string key, string ownerId, string caseId)
    {
        if (string.IsNullOrWhiteSpace(contactUrl)) throw new InvalidOperationException("WeCom:KfContactUrl is not configured.");
        return contactUrl + (contactUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "scene_param=" + Uri.EscapeDataString(Create(key, ownerId, caseId));
    }

    /// <summary>(owner, case) when the token is ours and intact, otherwise null. The MAC is compared in constant time.</summary>
    public static (string OwnerId, string CaseId)? Read(string key, string? token)
    {
        if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(token) || token.Length > MaxBytes) return null;
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0) return null;
        byte[] payload, mac;
        try
        {
            payload = FromBase64Url(token[..dot]);
            mac = FromBase64Url(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(key, payload))) return null;
        var parts = Encoding.UTF8.GetString(payload).Split('~', 2);
        return parts is [{ Length: > 0 } owner, { Length: > 0 } caseId] ? (owner, caseId) : null;
    }

    private static byte[] Mac(string key, byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), payload)[..MacBytes];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }
}
