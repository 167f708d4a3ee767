using Bot.Domain.Conversations;

namespace Bot.Domain.Features.Duty;

/// <summary>The duty slice's text catalog (DutyTexts.resx, DutyTexts.en.resx).</summary>
public static class DutyTexts
{
    public static readonly TextCatalog Catalog = new("Bot.Domain.Features.Duty.DutyTexts", typeof(DutyTexts).Assembly);
}
