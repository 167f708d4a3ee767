using Bot.Domain.Features.Directory;

namespace Bot.Tests.Features.Directory;

/// <summary>Row validation without a database: the stored directory comes in as plain sets.</summary>
public sealed class DirectoryImportTests
{
    private static readonly Dictionary<string, string?> Stored = new() { ["boss"] = null, ["lead"] = "boss" };

    [Fact]
    public void People_HeaderCaseAndSpaces_AreIgnored()
    {
        var plan = DirectoryImport.People(" ID , Name ,ROLES\na,甲,管理员\n", Stored);

        Assert.Empty(plan.Errors);
        Assert.Equal(Roles.Staff, Assert.Single(plan.Rows).Roles);
    }

    [Fact]
    public void People_UnknownAndMissingColumns_AreHeaderErrors()
    {
        var plan = DirectoryImport.People("id,name,email\na,甲,a@example.com\n", Stored);

        Assert.Equal(["CsvUnknownColumn", "CsvMissingColumn"], plan.Errors.Select(e => e.Key));
        Assert.All(plan.Errors, e => Assert.Equal(1, e.Line));
        Assert.Empty(plan.Rows);
    }

    [Fact]
    public void People_ManyBadCellsInOneRow_AreAllReported()
    {
        var plan = DirectoryImport.People("id,name,roles,language,active\nBad Id,,清洁工,fr,maybe\n", Stored);

        Assert.Equal(["ImportIdInvalid", "ImportValueRequired", "ImportRoleUnknown", "ImportLanguageInvalid", "ImportBooleanInvalid"],
            plan.Errors.Select(e => e.Key));
        Assert.All(plan.Errors, e => Assert.Equal(2, e.Line));
    }

    [Fact]
    public void People_DuplicateId_IsAnErrorOnTheLaterLine()
    {
        var plan = DirectoryImport.People("id,name,roles\na,甲,staff\nb,乙,staff\na,甲二,staff\n", Stored);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((4, "ImportDuplicate"), (error.Line, error.Key));
    }

    [Fact]
    public void People_ExcelRowsOfOnlyCommas_AreSkippedLikeBlankLines()
    {
        // Excel keeps rows it once formatted: "Save As CSV" writes them as ",,", which look blank in the sheet.
        var plan = DirectoryImport.People("\uFEFFid,name,roles\r\na,甲,管理员\r\n,,\r\n , ,\r\n", Stored);

        Assert.Empty(plan.Errors);
        Assert.Equal("a", Assert.Single(plan.Rows).Id);
    }

    [Fact]
    public void People_OnlyRowsOfCommas_IsAFileWithoutRows()
    {
        var plan = DirectoryImport.People("id,name,roles\n,,\n", Stored);

        Assert.Equal("CsvNoRows", Assert.Single(plan.Errors).Key);
    }

    [Fact]
    public void People_FullWidthCommas_AreNamedAsTheMistake()
    {
        var plan = DirectoryImport.People("id,name,roles\na,甲,管理员\nb，乙，管理员\n", Stored);

        var error = Assert.Single(plan.Errors);
        Assert.Equal((3, "CsvFullWidthComma"), (error.Line, error.Key));
        Assert.Contains("全角逗号“，”", error.Message("zh-CN"));
    }

    [Theory]
    [InlineData("李　雷", "李雷")]
    [InlineData("李 雷", "李雷")]
    [InlineData("  Wang   Mary ", "Wang Mary")]
    [InlineData("阿卜杜 · 热合曼", "阿卜杜·热合曼")]
    public void People_NamePaddedInTheSheet_IsStoredAsPeopleTypeIt(string written, string stored)
    {
        var plan = DirectoryImport.People($"id,name,roles\na,\"{written}\",管理员\n", Stored);

        Assert.Equal(stored, Assert.Single(plan.Rows).Name);
    }

    [Fact]
    public void People_CycleThroughStoredPerson_IsReportedOnEveryRowInIt()
    {
        // boss (stored, top) is made to report to a new person who reports to lead, who reports to boss.
        var plan = DirectoryImport.People("id,name,roles,reports_to\nboss,老板,general_manager,x\nx,某,staff,lead\n", Stored);

        Assert.Equal([2, 3], plan.Errors.Select(e => e.Line));
        Assert.All(plan.Errors, e => Assert.Equal("ImportReportsToCycle", e.Key));
        Assert.Contains("boss → x → lead → boss", plan.Errors[0].Message("en"));
    }

    [Fact]
    public void People_ReportsToLaterRowInFile_IsAccepted()
    {
        var plan = DirectoryImport.People("id,name,roles,reports_to\na,甲,staff,b\nb,乙,shift_lead,boss\n", Stored);

        Assert.Empty(plan.Errors);
    }

    [Fact]
    public void Units_PartsDisagreeingWithCode_AreErrors()
    {
        var plan = DirectoryImport.Units("code,building,entrance,room\n3-1-502,3,1,502\n3-1-503,4,1,503\n3-1\n");

        Assert.Equal([(3, "ImportUnitPartMismatch"), (4, "CsvFieldCount")], plan.Errors.Select(e => (e.Line, e.Key)));
    }

    [Fact]
    public void Owners_PhoneError_DoesNotRepeatTheNumber()
    {
        var plan = DirectoryImport.Owners("id,name,form_of_address,units,phone\no,陈建国,陈先生,3-1-502,call 138\n", new HashSet<string> { "3-1-502" });

        var error = Assert.Single(plan.Errors);
        Assert.Equal("ImportPhoneInvalid", error.Key);
        Assert.DoesNotContain("138", error.Message("zh-CN"));
    }

    [Fact]
    public void Identities_BothOrNeitherPartner_IsAnError()
    {
        var plan = DirectoryImport.Identities("channel,channel_user_id,person_id,owner_id\nwecom,u1,boss,o\nwecom,u2,,\n",
            new HashSet<string> { "boss" }, new HashSet<string> { "o" });

        Assert.Equal([2, 3], plan.Errors.Select(e => e.Line));
        Assert.All(plan.Errors, e => Assert.Equal("ImportIdentityNeedsOne", e.Key));
    }

    [Fact]
    public void Texts_ChineseAndEnglish_HaveTheSameKeys()
    {
        var chinese = DirectoryTexts.Catalog.All("zh-CN").Keys.Order();
        var english = DirectoryTexts.Catalog.All("en").Keys.Order();

        Assert.Equal(chinese, english);
    }
}
