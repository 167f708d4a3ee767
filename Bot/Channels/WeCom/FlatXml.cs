using System.Buffers;
using System.Text;
using System.Xml;

namespace Bot.Channels.WeCom;

/// <summary>
/// Reads WeCom's callback XML — a root whose children hold text — with no DTD, no entity but the five predefined and
/// character references, and nothing fetched (wecom.md §10). It is a strict subset of XML 1.0: whatever it cannot
/// read as well-formed XML it refuses with an <see cref="XmlException"/> carrying the line and position, as
/// <see cref="XmlReader"/> does. Written for the callback path, where XmlReader cost a callback about 5 µs and 10 KB
/// of its two documents (README, "WeCom callback load"); <c>FlatXmlTests</c> holds it to XmlReader on the same inputs.
/// </summary>
internal ref struct FlatXml
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The element names the callback reads (WeComEnvelope, WeComCallbackMessage) come back as these very strings,
    // so a callback allocates no string for a name.
    private static readonly Dictionary<string, string> KnownNames = new[]
    {
        "ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "AgentID", "Content", "Event", "EventKey",
        "ChangeType", "TaskId", "CardType", "ResponseCode", "Location_X", "Location_Y", "Label", "Token", "OpenKfId",
        "Encrypt", "Scale", "PicUrl", "MediaId", "Format", "ThumbMediaId", "Title", "Description", "Url", "UserID",
    }.ToDictionary(n => n, StringComparer.Ordinal);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KnownByName =
        KnownNames.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly ReadOnlySpan<char> _s;
    private int _i;

    private FlatXml(ReadOnlySpan<char> text)
    {
        _s = text;
        _i = 0;
    }

    /// <summary>The text of each child element of the root, by name (first occurrence wins); nested elements give their text.</summary>
    public static Dictionary<string, string> Read(string xml, long maxCharacters)
    {
        if (xml.Length > maxCharacters) throw new XmlException("The document is over the size limit.", null, 1, 1);
        return new FlatXml(xml.StartsWith('\uFEFF') ? xml.AsSpan(1) : xml).Document();
    }

    /// <summary>The same over UTF-8 bytes (a BOM allowed); bytes that are not UTF-8 are refused.</summary>
    public static Dictionary<string, string> Read(ReadOnlySpan<byte> utf8, long maxCharacters)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        // Decoded into a pooled buffer: the document itself is never a string, only the values read from it.
        var chars = ArrayPool<char>.Shared.Rent(StrictUtf8.GetMaxCharCount(utf8.Length));
        try
        {
            int length;
            try
            {
                length = StrictUtf8.GetChars(utf8, chars);
            }
            catch (DecoderFallbackException)
            {
                throw new XmlException("The document is not UTF-8.", null, 1, 1);
            }
            if (length > maxCharacters) throw new XmlException("The document is over the size limit.", null, 1, 1);
            return new FlatXml(chars.AsSpan(0, length)).Document();
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private readonly int IndexOf(string token, int from)
    {
        var at = _s[from..].IndexOf(token, StringComparison.Ordinal);
        return at < 0 ? -1 : from + at;
    }

    private Dictionary<string, string> Document()
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (At("<?xml") && _i + 5 < _s.Length && IsSpace(_s[_i + 5])) Declaration();
        Misc();
        if (_i >= _s.Length || _s[_i] != '<') throw Error(_i >= _s.Length ? "No root element." : "Data at the root level is invalid.");
        var root = StartTag(out var empty);
        if (!empty) Children(root, fields);
        Misc();
        if (_i < _s.Length) throw Error(_s[_i] == '<' ? "There are multiple root elements." : "Data at the root level is invalid.");
        return fields;
    }

    /// <summary>The root's content: each child element's text by name.</summary>
    private void Children(string root, Dictionary<string, string> fields)
    {
        while (true)
        {
            // Text directly inside the root is nobody's field; XmlReader's reading skipped it too.
            Text();
            if (_i >= _s.Length) throw Error($"The '{root}' element is not closed.");
            if (At("</"))
            {
                EndTag(root);
                return;
            }
            var name = StartTag(out var empty);
            var value = empty ? "" : Content(name);
            // By its local name, as XmlReader.LocalName gave it: a prefix is not part of WeCom's field names.
            fields.TryAdd(LocalName(name), value);
        }
    }

    /// <summary>An element's content up to its end tag: text, CDATA and the text of nested elements, in order.</summary>
    private string Content(string name)
    {
        StringBuilder? builder = null;
        string? single = null;
        while (true)
        {
            Append(ref builder, ref single, Text());
            if (_i >= _s.Length) throw Error($"The '{name}' element is not closed.");
            if (At("</"))
            {
                EndTag(name);
                return builder?.ToString() ?? single ?? "";
            }
            var child = StartTag(out var empty);
            if (empty) continue;
            Append(ref builder, ref single, Content(child));
        }
    }

    /// <summary>
    /// Character data, references, CDATA sections, comments and processing instructions up to the next tag; the text
    /// they make, with line breaks normalised to '\n' (XML 1.0 §2.11). As XmlReader's IgnoreWhitespace does, a run of
    /// character data that is only whitespace between two pieces of markup is no text; CDATA is always text.
    /// </summary>
    private string Text()
    {
        StringBuilder? builder = null;
        string? single = null;
        while (true)
        {
            var run = Run();
            if (run.Length > 0 && !IsWhitespace(run)) Append(ref builder, ref single, run);
            if (_i >= _s.Length) break;
            if (At("<![CDATA["))
            {
                var end = IndexOf("]]>", _i + 9);
                if (end < 0) throw Error("A CDATA section is not closed.");
                CheckChars(_i + 9, end);
                Append(ref builder, ref single, Normalised(_s.Slice(_i + 9, end - _i - 9)));
                _i = end + 3;
            }
            else if (At("<!--")) Comment();
            else if (At("<?")) ProcessingInstruction();
            else if (At("<!")) throw UnexpectedMarkup();
            else break;
        }
        return builder?.ToString() ?? single ?? "";
    }

    private static void Append(ref StringBuilder? builder, ref string? single, string text)
    {
        if (text.Length == 0) return;
        if (builder is null && single is null) single = text;
        else (builder ??= new StringBuilder(single)).Append(text);
    }

    /// <summary>Character data and references up to the next '&lt;' (or the end).</summary>
    private string Run()
    {
        var start = _i;
        StringBuilder? builder = null;
        while (true)
        {
            var next = _s[_i..].IndexOfAny('<', '&', ']');
            var stop = next < 0 ? _s.Length : _i + next;
            CheckChars(_i, stop);
            _i = stop;
            if (_i >= _s.Length || _s[_i] == '<') break;
            if (_s[_i] == ']')
            {
                if (At("]]>")) throw Error("']]>' is not allowed in text.");
                _i++;
                continue;
            }
            if (_i > start) (builder ??= new StringBuilder()).Append(Normalised(_s.Slice(start, _i - start)));
            (builder ??= new StringBuilder()).Append(Reference());
            start = _i;
        }
        if (builder is null) return start == _i ? "" : Normalised(_s.Slice(start, _i - start));
        if (_i > start) builder.Append(Normalised(_s.Slice(start, _i - start)));
        return builder.ToString();
    }

    private static string Normalised(ReadOnlySpan<char> text) =>
        text.Contains('\r') ? text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text.ToString();

    /// <summary>
    /// &amp;lt; &amp;gt; &amp;amp; &amp;quot; &amp;apos; and character references. Any other name would need a DTD,
    /// which is refused, so it is undeclared.
    /// </summary>
    private string Reference()
    {
        var at = _i;
        var end = IndexOf(";", _i);
        if (end < 0 || end - _i > 12) throw Error("An entity reference is not closed with ';'.");
        var name = _s.Slice(_i + 1, end - _i - 1);
        _i = end + 1;
        switch (name)
        {
            case "lt": return "<";
            case "gt": return ">";
            case "amp": return "&";
            case "quot": return "\"";
            case "apos": return "'";
        }
        if (name.Length > 1 && name[0] == '#')
        {
            var hex = name[1] == 'x';
            var digits = name[(hex ? 2 : 1)..];
            if (digits.Length > 0 && int.TryParse(digits, hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out var code) && IsXmlChar(code))
                return char.ConvertFromUtf32(code);
            _i = at;
            throw Error("A character reference names no legal XML character.");
        }
        _i = at;
        throw Error($"Reference to undeclared entity '{name}'.");
    }

    /// <summary>&lt;name attributes&gt; or &lt;name attributes/&gt;; the name, and whether the element is empty.</summary>
    private string StartTag(out bool empty)
    {
        _i++; // '<'
        var name = Name();
        List<string>? attributes = null;
        while (true)
        {
            var spaced = SkipSpaces();
            if (_i >= _s.Length) throw Error($"The '{name}' start tag is not closed.");
            if (_s[_i] == '>')
            {
                _i++;
                empty = false;
                return name;
            }
            if (At("/>"))
            {
                _i += 2;
                empty = true;
                return name;
            }
            if (!spaced) throw Error($"The '{name}' start tag is malformed.");
            // Attributes are read for well-formedness and dropped: WeCom sends none.
            var attribute = Name();
            SkipSpaces();
            if (_i >= _s.Length || _s[_i] != '=') throw Error($"The '{attribute}' attribute has no value.");
            _i++;
            SkipSpaces();
            if (_i >= _s.Length || _s[_i] is not ('"' or '\'')) throw Error($"The '{attribute}' attribute's value is not quoted.");
            var quote = _s[_i++];
            while (_i < _s.Length && _s[_i] != quote)
            {
                if (_s[_i] == '<') throw Error("'<' is not allowed in an attribute value.");
                if (_s[_i] == '&') Reference();
                else CheckChar(_i++);
            }
            if (_i >= _s.Length) throw Error($"The '{attribute}' attribute's value is not closed.");
            _i++;
            attributes ??= [];
            if (attributes.Contains(attribute)) throw Error($"'{attribute}' is a duplicate attribute name.");
            attributes.Add(attribute);
        }
    }

    private void EndTag(string name)
    {
        _i += 2; // "</"
        var start = _i;
        while (_i < _s.Length && IsNameChar(_s[_i])) _i++;
        var end = _s.Slice(start, _i - start);
        if (!end.SequenceEqual(name)) throw Error($"The '{name}' start tag does not match the end tag of '{end}'.");
        SkipSpaces();
        if (_i >= _s.Length || _s[_i] != '>') throw Error($"The '{name}' end tag is not closed.");
        _i++;
    }

    private static string LocalName(string name)
    {
        var colon = name.IndexOf(':');
        if (colon < 0) return name;
        var local = name.AsSpan(colon + 1);
        return KnownByName.TryGetValue(local, out var known) ? known : local.ToString();
    }

    private string Name()
    {
        var start = _i;
        if (_i >= _s.Length || !IsNameStart(_s[_i])) throw Error("A name was expected.");
        _i++;
        while (_i < _s.Length && IsNameChar(_s[_i])) _i++;
        var span = _s.Slice(start, _i - start);
        return KnownByName.TryGetValue(span, out var known) ? known : span.ToString();
    }

    /// <summary>The XML declaration; only UTF-8 is read (WeCom sends nothing else).</summary>
    private void Declaration()
    {
        var end = IndexOf("?>", _i);
        if (end < 0) throw Error("The XML declaration is not closed.");
        var declaration = _s.Slice(_i, end - _i);
        if (!declaration.Contains("version", StringComparison.Ordinal)) throw Error("The XML declaration has no version.");
        var encoding = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (encoding >= 0)
        {
            var value = declaration[(encoding + 8)..].TrimStart().TrimStart('=').TrimStart().TrimStart("\"'");
            if (!value.StartsWith("utf-8", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("utf8", StringComparison.OrdinalIgnoreCase))
                throw Error("Only UTF-8 documents are read.");
        }
        _i = end + 2;
    }

    /// <summary>Whitespace, comments and processing instructions, before or after the root.</summary>
    private void Misc()
    {
        while (true)
        {
            SkipSpaces();
            if (At("<!--")) Comment();
            else if (At("<?")) ProcessingInstruction();
            else if (At("<!")) throw UnexpectedMarkup();
            else return;
        }
    }

    /// <summary>Any "&lt;!" that is neither a comment nor CDATA: a DOCTYPE (refused, wecom.md §10) or a declaration only a DTD allows.</summary>
    private XmlException UnexpectedMarkup() =>
        Error(At("<!DOCTYPE") ? "For security reasons DTD is prohibited in this XML document." : "Unexpected markup.");

    private void Comment()
    {
        var end = IndexOf("--", _i + 4);
        if (end < 0) throw Error("A comment is not closed.");
        if (end + 2 >= _s.Length || _s[end + 2] != '>') throw Error("'--' is not allowed inside a comment.");
        CheckChars(_i + 4, end);
        _i = end + 3;
    }

    private void ProcessingInstruction()
    {
        _i += 2;
        var target = Name();
        if (target.Equals("xml", StringComparison.OrdinalIgnoreCase)) throw Error("An XML declaration is only allowed at the start of the document.");
        var end = IndexOf("?>", _i);
        if (end < 0) throw Error("A processing instruction is not closed.");
        if (end > _i && !IsSpace(_s[_i])) throw Error("A processing instruction's target is malformed.");
        CheckChars(_i, end);
        _i = end + 2;
    }

    private bool SkipSpaces()
    {
        var start = _i;
        while (_i < _s.Length && IsSpace(_s[_i])) _i++;
        return _i > start;
    }

    private bool At(string token) => _s[_i..].StartsWith(token, StringComparison.Ordinal);

    private void CheckChars(int from, int to)
    {
        // Nearly every character is in U+0020..U+D7FF; only the others are looked at one by one.
        while (from < to)
        {
            var odd = _s.Slice(from, to - from).IndexOfAnyExceptInRange((char)0x20, (char)0xD7FF);
            if (odd < 0) return;
            CheckChar(from + odd);
            from += odd + 1;
        }
    }

    /// <summary>XML 1.0 §2.2: tab, line feed, carriage return and everything from U+0020 but U+FFFE, U+FFFF and lone surrogates.</summary>
    private void CheckChar(int k)
    {
        var c = _s[k];
        if (c >= 0x20 && c < 0xD800) return;
        if (c is '\t' or '\n' or '\r') return;
        if (char.IsHighSurrogate(c) && k + 1 < _s.Length && char.IsLowSurrogate(_s[k + 1])) return;
        if (char.IsLowSurrogate(c) && k > 0 && char.IsHighSurrogate(_s[k - 1])) return;
        if (c >= 0xE000 && c <= 0xFFFD) return;
        _i = k;
        throw Error($"Character 0x{(int)c:X4} is not allowed in XML.");
    }

    private static bool IsXmlChar(int code) =>
        code is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    private static bool IsWhitespace(string text)
    {
        foreach (var c in text)
            if (!IsSpace(c)) return false;
        return true;
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':' || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && !char.IsSurrogate(c) && c < 0xFFFE);

    private static bool IsNameChar(char c) => IsNameStart(c) || char.IsAsciiDigit(c) || c is '-' or '.' or (char)0xB7;

    /// <summary>A refusal with the 1-based line and position of where the reading stopped.</summary>
    private XmlException Error(string message)
    {
        var at = Math.Min(_i, _s.Length);
        var line = 1;
        var lineStart = 0;
        for (var k = 0; k < at; k++)
        {
            if (_s[k] == '\n')
            {
                line++;
                lineStart = k + 1;
            }
        }
        return new XmlException(message, null, line, at - lineStart + 1);
    }
}
