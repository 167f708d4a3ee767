using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Bot.Channels.WeCom;

/// <summary>
/// The local error codes of Tencent's WXBizMsgCrypt samples (wecom.md §4.8). They never travel to WeCom; they name
/// why a callback was refused, in the log.
/// </summary>
public enum WeComCryptoError
{
    SignatureMismatch = -40001,
    InvalidAesKey = -40004,
    ReceiveIdMismatch = -40005,
    DecryptFailed = -40007,
    InvalidBuffer = -40008,
    Base64DecodeFailed = -40010,
}

public sealed class WeComCryptoException(WeComCryptoError error, string message) : Exception(message)
{
    public WeComCryptoError Error { get; } = error;
}

/// <summary>A decrypted payload: the message and the receiveid that followed it (wecom.md §4.3).</summary>
public sealed record WeComDecrypted(string Message, string ReceiveId, byte[] Random);

/// <summary>
/// The WXBizMsgCrypt scheme (wecom.md §4): SHA-1 signature over the ordinally sorted parts, AES-256-CBC with the key's
/// first 16 bytes as IV, PKCS#7 padding to 32-byte blocks done by hand, and the receiveid (our CorpID) after the message.
/// </summary>
public sealed class WeComCrypto
{
    private const int PadBlock = 32;
    private const int RandomLength = 16;

    private readonly byte[] _key;
    private readonly byte[] _token;
    private readonly byte[] _receiveId;

    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        _key = DecodeAesKey(encodingAesKey);
        _token = Encoding.UTF8.GetBytes(token);
        Token = token;
        ReceiveId = receiveId;
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    public string Token { get; }

    public string ReceiveId { get; }

    /// <summary>wecom.md §4.2: 43 characters of base64 without the trailing '=', giving exactly 32 bytes.</summary>
    public static byte[] DecodeAesKey(string encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 } || !encodingAesKey.All(char.IsAsciiLetterOrDigit))
            throw new WeComCryptoException(WeComCryptoError.InvalidAesKey, "EncodingAESKey must be 43 characters from [A-Za-z0-9].");
        try
        {
            var key = Convert.FromBase64String(encodingAesKey + "=");
            return key.Length == 32 ? key : throw new WeComCryptoException(WeComCryptoError.InvalidAesKey, "EncodingAESKey does not decode to 32 bytes.");
        }
        catch (FormatException)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidAesKey, "EncodingAESKey is not base64.");
        }
    }

    public static bool IsValidAesKey(string? encodingAesKey)
    {
        try
        {
            DecodeAesKey(encodingAesKey ?? "");
            return true;
        }
        catch (WeComCryptoException)
        {
            return false;
        }
    }

    /// <summary>
    /// wecom.md §4.1: lower-case hex SHA-1 of the four strings sorted by ordinal order and concatenated. The
    /// culture-aware default sort gives a wrong signature for vector A-post.
    /// </summary>
    public static string Signature(string token, string timestamp, string nonce, string encrypt)
    {
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        HashSorted(token, timestamp, nonce, encrypt, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>SHA-1 of the four parts, ordinally sorted and joined (wecom.md §4.1), through a pooled buffer.</summary>
    private static void HashSorted(string token, string timestamp, string nonce, string encrypt, Span<byte> hash)
    {
        string[] parts = [token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var length = 0;
        foreach (var part in parts) length += Encoding.UTF8.GetMaxByteCount(part.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = 0;
            foreach (var part in parts) written += Encoding.UTF8.GetBytes(part, buffer.AsSpan(written));
            SHA1.HashData(buffer.AsSpan(0, written), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public string Signature(string timestamp, string nonce, string encrypt) => Signature(Token, timestamp, nonce, encrypt);

    /// <summary>wecom.md §4.9, §10: recomputed and compared in constant time, hex digits case-insensitively.</summary>
    public bool VerifySignature(string signature, string timestamp, string nonce, string encrypt)
    {
        // Compared as the 20 bytes the 40 hex digits stand for, so upper- and lower-case digits are alike.
        Span<byte> given = stackalloc byte[SHA1.HashSizeInBytes];
        if (signature.Length != 2 * SHA1.HashSizeInBytes
            || Convert.FromHexString(signature, given, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != given.Length)
            return false;
        Span<byte> expected = stackalloc byte[SHA1.HashSizeInBytes];
        HashSorted(Token, timestamp, nonce, encrypt, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>wecom.md §4.5: base64 → AES-256-CBC without library padding → strip the 32-byte PKCS#7 → length → receiveid.</summary>
    public WeComDecrypted Decrypt(string encrypt)
    {
        // Base64 never decodes to more than 3/4 of its length; both buffers are pooled (a callback's are ~400 bytes).
        var cipher = ArrayPool<byte>.Shared.Rent(encrypt.Length / 4 * 3 + 3);
        var plain = ArrayPool<byte>.Shared.Rent(cipher.Length);
        try
        {
            if (!Convert.TryFromBase64String(encrypt, cipher, out var cipherLength))
                throw new WeComCryptoException(WeComCryptoError.Base64DecodeFailed, "Encrypt is not valid base64.");
            // CBC needs whole 16-byte blocks; WeCom's are whole 32-byte ones. Anything else is not one of theirs.
            if (cipherLength == 0 || cipherLength % PadBlock != 0)
                throw new WeComCryptoException(WeComCryptoError.DecryptFailed, "The ciphertext is not a whole number of 32-byte blocks.");

            int plainLength;
            try
            {
                plainLength = Cipher.DecryptCbc(cipher.AsSpan(0, cipherLength), _key.AsSpan(0, 16), plain, PaddingMode.None);
            }
            catch (CryptographicException)
            {
                throw new WeComCryptoException(WeComCryptoError.DecryptFailed, "AES decryption failed.");
            }
            return Unpad(plain.AsSpan(0, plainLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipher);
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
        }
    }

    private WeComDecrypted Unpad(ReadOnlySpan<byte> plain)
    {
        // wecom.md §4.4: the pad value is 1..32 and every pad byte equals it (this catches a wrong key early).
        var pad = plain[^1];
        if (pad is < 1 or > PadBlock || plain[(plain.Length - pad)..].ContainsAnyExcept(pad))
            throw new WeComCryptoException(WeComCryptoError.InvalidBuffer, "The padding is invalid.");
        var content = plain[..(plain.Length - pad)];
        if (content.Length < RandomLength + 4)
            throw new WeComCryptoException(WeComCryptoError.InvalidBuffer, "The plaintext is too short.");

        // wecom.md §4.3: unsigned 32-bit big-endian length, counting UTF-8 bytes.
        var length = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomLength, 4));
        if (length > (uint)(content.Length - RandomLength - 4))
            throw new WeComCryptoException(WeComCryptoError.InvalidBuffer, "The length field does not fit the plaintext.");
        var message = content.Slice(RandomLength + 4, (int)length);
        var receiveId = content[(RandomLength + 4 + (int)length)..];

        // wecom.md §10: otherwise a ciphertext for another corp or app sharing the key would be accepted.
        if (!CryptographicOperations.FixedTimeEquals(receiveId, _receiveId))
            throw new WeComCryptoException(WeComCryptoError.ReceiveIdMismatch, "The receiveid is not our CorpID.");

        string text;
        try
        {
            text = StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException)
        {
            throw new WeComCryptoException(WeComCryptoError.InvalidBuffer, "The message is not UTF-8.");
        }
        // The receiveid is ours (just compared), so it is our own string.
        return new WeComDecrypted(text, ReceiveId, content[..RandomLength].ToArray());
    }

    /// <summary>wecom.md §4.6: random(16) ‖ uint32-BE(N) ‖ message ‖ CorpID → PKCS#7-32 → AES-256-CBC → base64.</summary>
    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(RandomLength));

    /// <summary>With a given 16-byte prefix, so the vectors can be reproduced byte for byte.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength) throw new ArgumentException("The random prefix must be 16 bytes.", nameof(random));
        var body = Encoding.UTF8.GetBytes(message);
        var length = RandomLength + 4 + body.Length + _receiveId.Length;
        var pad = PadBlock - length % PadBlock;
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteUInt32BigEndian(plain.AsSpan(RandomLength, 4), (uint)body.Length);
        body.CopyTo(plain, RandomLength + 4);
        _receiveId.CopyTo(plain, RandomLength + 4 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        return Convert.ToBase64String(Cipher.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>
    /// wecom.md §4.7: the passive reply envelope. Built with an XmlWriter so content can never break out of its CDATA
    /// (the Encrypt and signature are base64 / hex anyway, the nonce is ours).
    /// </summary>
    public string PassiveReply(string replyPlaintext, string timestamp, string nonce) =>
        PassiveReplyEnvelope(Encrypt(replyPlaintext), timestamp, nonce);

    internal string PassiveReplyEnvelope(string encrypt, string timestamp, string nonce)
    {
        var signature = Signature(timestamp, nonce, encrypt);
        var builder = new StringBuilder();
        using (var writer = System.Xml.XmlWriter.Create(builder, new System.Xml.XmlWriterSettings { OmitXmlDeclaration = true, Indent = false }))
        {
            writer.WriteStartElement("xml");
            writer.WriteStartElement("Encrypt");
            writer.WriteCData(encrypt);
            writer.WriteEndElement();
            writer.WriteStartElement("MsgSignature");
            writer.WriteCData(signature);
            writer.WriteEndElement();
            writer.WriteElementString("TimeStamp", timestamp);
            writer.WriteStartElement("Nonce");
            writer.WriteCData(nonce);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return builder.ToString();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// One AES object with our key per thread: creating one and setting its key for every callback was an OpenSSL
    /// context each time, and one instance is not documented as safe to share between threads.
    /// </summary>
    [ThreadStatic]
    private static (WeComCrypto Owner, Aes Aes)? t_cipher;

    private Aes Cipher
    {
        get
        {
            if (t_cipher is { } cached && ReferenceEquals(cached.Owner, this)) return cached.Aes;
            t_cipher?.Aes.Dispose();
            var aes = Aes.Create();
            aes.Key = _key;
            t_cipher = (this, aes);
            return aes;
        }
    }
}
