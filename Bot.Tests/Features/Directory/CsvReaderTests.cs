using Bot.Domain.Features.Directory;

namespace Bot.Tests.Features.Directory;

public sealed class CsvReaderTests
{
    [Fact]
    public void Read_QuotedFieldsWithCommasAndDoubledQuotes_KeepsThemInOneField()
    {
        var result = CsvReader.Read("id,name\r\nzhang,\"Zhang, \"\"San\"\"\"\r\n");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal(["zhang", "Zhang, \"San\""], result.Records[1].Fields);
    }

    [Fact]
    public void Read_NewlinesInsideQuotes_ReportsTheLineEachRecordStartsOn()
    {
        var result = CsvReader.Read("a,b\n1,\"two\nlines\"\n2,\"three\r\nmore\r\nlines\"\r\n3,x\n");

        Assert.Empty(result.Errors);
        Assert.Equal([1, 2, 4, 7], result.Records.Select(r => r.Line));
        Assert.Equal("two\nlines", result.Records[1].Fields[1]);
        Assert.Equal("three\nmore\nlines", result.Records[2].Fields[1]);
    }

    [Fact]
    public void Read_BomAndTrailingBlankLines_AreIgnored()
    {
        var result = CsvReader.Read("\uFEFFid,name\r\nzhang,张三\r\n\r\n\r\n");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Records.Count);
        Assert.Equal("id", result.Records[0].Fields[0]);
        Assert.Equal(["zhang", "张三"], result.Records[1].Fields);
    }

    [Fact]
    public void Read_NoFinalNewlineAndEmptyFields_KeepsEveryField()
    {
        var result = CsvReader.Read("a,b,c\n,,");

        Assert.Empty(result.Errors);
        Assert.Equal(["", "", ""], result.Records[1].Fields);
    }

    [Fact]
    public void Read_UnterminatedQuote_IsAnErrorOnTheLineTheQuoteOpens()
    {
        var result = CsvReader.Read("a,b\n1,x\n2,\"never closed\n3,y\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("CsvUnterminatedQuote", error.Key);
        Assert.Equal(2, result.Records.Count);
    }

    [Fact]
    public void Read_QuoteInsideUnquotedField_IsAnErrorAndReadingGoesOn()
    {
        var result = CsvReader.Read("a,b\n1,ab\"c\n2,\"ok\"x\n3,fine\n");

        Assert.Equal([2, 3], result.Errors.Select(e => e.Line));
        Assert.All(result.Errors, e => Assert.Equal("CsvStrayQuote", e.Key));
        Assert.Equal([1, 4], result.Records.Select(r => r.Line));
    }
}
