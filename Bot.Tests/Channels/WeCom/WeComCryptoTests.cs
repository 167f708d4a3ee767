using System.Text;
using Bot.Channels.WeCom;

namespace Bot.Tests.Channels.WeCom;

/// <summary>The WXBizMsgCrypt scheme held to every vector of wecom-vectors.json (wecom.md §4, §5).</summary>
public sealed class WeComCryptoTests
{
    public static TheoryData<string> Ids => WeComVectors.Ids;

    private static WeComCrypto CryptoFor(WeComVector v) => new(v.Token, v.EncodingAesKey, v.ReceiveId);

    [Fact]
    public void Vectors_AllNineAreLoaded()
    {
        Assert.Equal(["A-url", "A-post", "B-url", "B-post", "C-json", "D-reply-text", "D-pad32", "D-pad17", "D-utf8"],
            WeComVectors.All.Select(v => v.Id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Signature_Vector_MatchesPublishedSignature(string id)
    {
        var v = WeComVectors.Get(id);

        Assert.Equal(v.MsgSignature, WeComCrypto.Signature(v.Token, v.Timestamp, v.Nonce, v.Encrypt));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void VerifySignature_VectorInUpperCase_IsAccepted(string id)
    {
        var v = WeComVectors.Get(id);

        Assert.True(CryptoFor(v).VerifySignature(v.MsgSignature.ToUpperInvariant(), v.Timestamp, v.Nonce, v.Encrypt));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void VerifySignature_OneDigitChanged_IsRefused(string id)
    {
        var v = WeComVectors.Get(id);
        var wrong = (v.MsgSignature[0] == '0' ? '1' : '0') + v.MsgSignature[1..];

        Assert.False(CryptoFor(v).VerifySignature(wrong, v.Timestamp, v.Nonce, v.Encrypt));
        Assert.False(CryptoFor(v).VerifySignature(v.MsgSignature[..39], v.Timestamp, v.Nonce, v.Encrypt));
    }

    [Fact]
    public void Signature_APost_NeedsOrdinalSort()
    {
        // wecom.md §4.1: a culture-aware sort orders "hJqcu…" before "Kl7kj…" and yields 5b4075dd….
        var v = WeComVectors.Get("A-post");

        Assert.Equal("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", WeComCrypto.Signature(v.Token, v.Timestamp, v.Nonce, v.Encrypt));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Decrypt_Vector_GivesPlaintextReceiveIdAndRandom(string id)
    {
        var v = WeComVectors.Get(id);

        var decrypted = CryptoFor(v).Decrypt(v.Encrypt);

        Assert.Equal(v.ExpectedPlaintext, decrypted.Message);
        Assert.Equal(v.ReceiveId, decrypted.ReceiveId);
        Assert.Equal(v.Random, decrypted.Random);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Encrypt_VectorWithItsRandom_IsByteExact(string id)
    {
        var v = WeComVectors.Get(id);

        Assert.Equal(v.Encrypt, CryptoFor(v).Encrypt(v.ExpectedPlaintext, v.Random));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Encrypt_Vector_PadsToThirtyTwoByteBlocksWithThePublishedPad(string id)
    {
        var v = WeComVectors.Get(id);
        var length = 16 + 4 + Encoding.UTF8.GetByteCount(v.ExpectedPlaintext) + Encoding.UTF8.GetByteCount(v.ReceiveId);

        Assert.Equal(v.PadBytes, 32 - length % 32);
        Assert.Equal(0, Convert.FromBase64String(CryptoFor(v).Encrypt(v.ExpectedPlaintext, v.Random)).Length % 32);
    }

    [Theory]
    [InlineData("D-reply-text")]
    [InlineData("D-pad32")]
    [InlineData("D-pad17")]
    [InlineData("D-utf8")]
    public void PassiveReply_DerivedVector_IsTheEnvelopeByteForByte(string id)
    {
        var v = WeComVectors.Get(id);
        var crypto = CryptoFor(v);

        var envelope = crypto.PassiveReplyEnvelope(crypto.Encrypt(v.ExpectedPlaintext, v.Random), v.Timestamp, v.Nonce);

        Assert.Equal(v.ReplyXml, envelope);
    }

    [Fact]
    public void TextReply_DReplyText_IsThePlaintextByteForByte()
    {
        var v = WeComVectors.Get("D-reply-text");

        var plaintext = WeComXml.TextReply("zhangsan", v.ReceiveId, 1700000000, "已签到：早班 08:00-16:00，3号楼服务台");

        Assert.Equal(v.ExpectedPlaintext, plaintext);
    }

    [Fact]
    public void Encrypt_WithoutRandom_RoundTripsAndDiffersEachTime()
    {
        var v = WeComVectors.Get("A-post");
        var crypto = CryptoFor(v);

        var first = crypto.Encrypt("钥匙 🔑");
        var second = crypto.Encrypt("钥匙 🔑");

        Assert.NotEqual(first, second);
        Assert.Equal("钥匙 🔑", crypto.Decrypt(first).Message);
    }

    [Fact]
    public void Decrypt_WrongCorpId_ThrowsReceiveIdMismatch()
    {
        var v = WeComVectors.Get("A-post");
        var crypto = new WeComCrypto(v.Token, v.EncodingAesKey, "wwSomeoneElse");

        var error = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(v.Encrypt));

        Assert.Equal(WeComCryptoError.ReceiveIdMismatch, error.Error);
    }

    [Fact]
    public void Decrypt_OtherVectorsKey_ThrowsInsteadOfReturningGarbage()
    {
        // wecom.md §11: a lax decoder returns garbage for A's echostr under B's key; the pad/length checks refuse it.
        var a = WeComVectors.Get("A-url");
        var b = WeComVectors.Get("B-url");

        var error = Assert.Throws<WeComCryptoException>(() => CryptoFor(b).Decrypt(a.Encrypt));

        Assert.Contains(error.Error, new[] { WeComCryptoError.InvalidBuffer, WeComCryptoError.ReceiveIdMismatch });
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("fsi1xnbH4yQh0 PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==")]
    public void Decrypt_BadBase64_ThrowsBase64DecodeFailed(string encrypt)
    {
        var error = Assert.Throws<WeComCryptoException>(() => CryptoFor(WeComVectors.Get("A-url")).Decrypt(encrypt));

        Assert.Equal(WeComCryptoError.Base64DecodeFailed, error.Error);
    }

    [Fact]
    public void Decrypt_NotWholeBlocks_ThrowsDecryptFailed()
    {
        var error = Assert.Throws<WeComCryptoException>(() => CryptoFor(WeComVectors.Get("A-url")).Decrypt(Convert.ToBase64String(new byte[48])));

        Assert.Equal(WeComCryptoError.DecryptFailed, error.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhU")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt=")]
    [InlineData("6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqh+t")]
    public void Constructor_InvalidEncodingAesKey_ThrowsInvalidAesKey(string key)
    {
        var error = Assert.Throws<WeComCryptoException>(() => new WeComCrypto("t", key, "ww1"));

        Assert.Equal(WeComCryptoError.InvalidAesKey, error.Error);
    }
}
