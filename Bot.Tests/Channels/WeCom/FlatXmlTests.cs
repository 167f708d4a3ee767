using System.Text;
using System.Xml;
using Bot.Channels.WeCom;

namespace Bot.Tests.Channels.WeCom;

/// <summary>
/// The callback's XML reader (wecom.md §10) held to System.Xml's XmlReader — DTDs prohibited, nothing resolved,
/// comments, processing instructions and whitespace ignored, as the callback read it before — on the same documents:
/// both refuse, or both give the same fields.
/// </summary>
public sealed class FlatXmlTests
{
    private const long Max = 65536;

    public static TheoryData<string> Documents => new(
        // what WeCom sends (wecom.md §3.1, §6)
        "<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>",
        "<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1348831860</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[借钥匙 3号楼机房]]></Content><MsgId>1234567890123456</MsgId><AgentID>1</AgentID></xml>",
        "<xml>\n  <ToUserName><![CDATA[a]]></ToUserName>\r\n  <Content><![CDATA[第一行\r\n第二行\r第三行]]></Content>\n</xml>\n",
        "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><xml><A>1</A></xml>",
        "<?xml version='1.0'?>\n<!-- a comment --><?pi data?><xml><A>1</A></xml><!-- after -->\n",
        // text, whitespace and CDATA mixed
        "<xml><A>  x  </A><B>   </B><C><![CDATA[   ]]></C><D></D><E/><F /></xml>",
        "<xml><A> <![CDATA[x]]> </A><B>a <![CDATA[x]]></B><C><![CDATA[x]]><![CDATA[y]]></C><D>a<!--c-->b</D><E>a<?p q?>b</E></xml>",
        "<xml><A>&lt;&gt;&amp;&quot;&apos;</A><B>&#20320;&#x597D;&#x1F600;</B><C>a&amp;b&lt;c</C></xml>",
        "<xml><A>]]</A><B>a]b</B><C><![CDATA[a]]]]><![CDATA[>b]]></C></xml>",
        "<xml><A>1</A><A>2</A><B attr=\"1\" other='&amp;'>x</B></xml>",
        "<xml a=\"1\"><A>x</A>stray text<B>y</B></xml>",
        "<root/>",
        "<xml></xml>",
        "<xml><A>1</A   ></xml  >",
        "<xml><ns:A xmlns:ns=\"urn:x\">1</ns:A><_b.c-d>2</_b.c-d><名字>3</名字></xml>",
        // refused
        "",
        "   ",
        "not xml",
        "<!DOCTYPE xml [<!ENTITY x \"y\">]><xml><A>&x;</A></xml>",
        "<xml><A>&x;</A></xml>",
        "<xml><A>&amp</A></xml>",
        "<xml><A>&#0;</A></xml>",
        "<xml><A>&#xD800;</A></xml>",
        "<xml><A>&#xZZ;</A></xml>",
        "<xml><A>1</B></xml>",
        "<xml><A>1</A>",
        "<xml><A>1</A></xml><xml/>",
        "<xml/>trailing",
        "leading<xml/>",
        "<xml><A>a]]>b</A></xml>",
        "<xml><A>\u0001</A></xml>",
        "<xml><A><![CDATA[\u0001]]></A></xml>",
        "<xml><A><![CDATA[open</A></xml>",
        "<xml><!-- a -- b --><A>1</A></xml>",
        "<xml><A b=1>x</A></xml>",
        "<xml><A b=\"1\" b=\"2\">x</A></xml>",
        "<xml><A b=\"<\">x</A></xml>",
        "<xml><A b=\"1\"c=\"2\">x</A></xml>",
        "<xml><1A>x</1A></xml>",
        "<xml><A>x</A><?xml version=\"1.0\"?></xml>",
        " <?xml version=\"1.0\"?><xml/>",
        "<xml><![CDATA[x]]><A>1</A></xml>",
        "<xml><!ELEMENT x ANY><A>1</A></xml>",
        "<xml><A>1</A></xml><!DOCTYPE xml>",
        "<xml><A x=\"1\">");

    [Theory]
    [MemberData(nameof(Documents))]
    public void Read_SameAsXmlReader(string document)
    {
        var expected = Oracle(() => XmlReaderFlat(document));
        var actual = Oracle(() => FlatXml.Read(document, Max));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void ReadUtf8_SameAsXmlReader(string document)
    {
        var bytes = Encoding.UTF8.GetBytes(document);
        var expected = Oracle(() => XmlReaderFlat(new MemoryStream(bytes)));
        var actual = Oracle(() => FlatXml.Read(bytes, Max));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Read_NotUtf8_IsRefused()
    {
        byte[] gbk = [.. "<xml><A>"u8, 0xC4, 0xE3, 0xBA, 0xC3, .. "</A></xml>"u8];

        Assert.Throws<XmlException>(() => FlatXml.Read(gbk, Max));
        Assert.Throws<XmlException>(() => XmlReaderFlat(new MemoryStream(gbk)));
    }

    [Fact]
    public void Read_OverTheCap_IsRefused()
    {
        var document = "<xml><A>" + new string('x', 100) + "</A></xml>";

        Assert.Throws<XmlException>(() => FlatXml.Read(document, 50));
        Assert.Equal(new string('x', 100), FlatXml.Read(document, 200)["A"]);
    }

    [Fact]
    public void Read_Refusal_SaysWhereOnly()
    {
        var ex = Assert.Throws<XmlException>(() => FlatXml.Read("<xml>\n<Content><![CDATA[业主的私事]]></Content>\n<A>&x;</A></xml>", Max));

        Assert.Equal(3, ex.LineNumber);
        Assert.Equal(4, ex.LinePosition);
        Assert.DoesNotContain("业主", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NestedBlock_GivesItsTextAndTheFieldsAfterIt()
    {
        // The one place it differs from the XmlReader reading, on purpose: ReadElementContentAsString refused an element
        // with children, so a scancode menu event (wecom.md §6, ScanCodeInfo) or a vote card's SelectedItems was a 400.
        var fields = FlatXml.Read("<xml><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo><AgentID>1</AgentID></xml>", Max);

        Assert.Equal("scancode_push", fields["Event"]);
        Assert.Equal("qrcode1", fields["ScanCodeInfo"]);
        Assert.Equal("1", fields["AgentID"]);
        Assert.Equal("12", FlatXml.Read("<xml><A><B>1</B><C/>2</A></xml>", Max)["A"]);
    }

    private static string Oracle(Func<Dictionary<string, string>> read)
    {
        try
        {
            return string.Join("\n", read().Select(f => f.Key + "=" + f.Value));
        }
        catch (XmlException)
        {
            return "refused";
        }
    }

    private static Dictionary<string, string> XmlReaderFlat(string xml) => XmlReaderFlat(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    private static Dictionary<string, string> XmlReaderFlat(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = Max,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };
        using var reader = XmlReader.Create(stream, settings);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.MoveToContent();
        if (reader.NodeType != XmlNodeType.Element) throw new XmlException("No root element.");
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && reader.Depth > depth)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
                {
                    var name = reader.LocalName;
                    fields.TryAdd(name, reader.ReadElementContentAsString());
                }
                else
                {
                    reader.Read();
                }
            }
        }
        while (reader.Read()) { }
        return fields;
    }
}
