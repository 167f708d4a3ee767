using System.Text.Json;

namespace Bot.Tests.Channels.WeCom;

/// <summary>One entry of wecom-vectors.json (official "vectors" and "derived"), wire names kept.</summary>
public sealed record WeComVector(
    string Id,
    string Token,
    string EncodingAesKey,
    string ReceiveId,
    string MsgSignature,
    string Timestamp,
    string Nonce,
    string Encrypt,
    string ExpectedPlaintext,
    string RandomHex,
    int PadBytes,
    string? PostBody,
    string? QueryAsSent,
    string? ReplyXml,
    string? Kind)
{
    public override string ToString() => Id;

    public byte[] Random => Convert.FromHexString(RandomHex);
}

public static class WeComVectors
{
    private static readonly Lazy<IReadOnlyList<WeComVector>> Loaded = new(Load);

    public static IReadOnlyList<WeComVector> All => Loaded.Value;

    public static WeComVector Get(string id) => All.Single(v => v.Id == id);

    public static TheoryData<string> Ids
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var v in All) data.Add(v.Id);
            return data;
        }
    }

    private static IReadOnlyList<WeComVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Channels", "WeCom", "wecom-vectors.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var options = new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var list = new List<WeComVector>();
        foreach (var group in new[] { "vectors", "derived" })
        {
            foreach (var element in doc.RootElement.GetProperty(group).EnumerateArray())
                list.Add(element.Deserialize<WeComVector>(options) ?? throw new JsonException("empty vector"));
        }
        return list;
    }
}
