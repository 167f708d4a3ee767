using System.Net;
using System.Net.Http.Headers;
using Bot.Channels.Teams;

namespace Bot.Tests.Channels.Teams;

public sealed class BotFrameworkSenderTests
{
    [Theory]
    [InlineData("https://smba.trafficmanager.net/apac/")]
    [InlineData("https://smba.trafficmanager.net/apac")]
    [InlineData("https://smba.trafficmanager.net/apac//")]
    public void ActivityUri_AnyTrailingSlashes_ExactlyOneSlashBeforeV3(string serviceUrl)
    {
        var uri = BotFrameworkSender.ActivityUri(serviceUrl, "19:abc@thread.skype;messageid=1", "1732612345678");

        Assert.Equal("https://smba.trafficmanager.net/apac/v3/conversations/19%3Aabc%40thread.skype%3Bmessageid%3D1/activities/1732612345678",
            uri.AbsoluteUri);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ActivityUri_NoReplyToId_SendsToTheConversation(string? replyToId)
    {
        var uri = BotFrameworkSender.ActivityUri("http://127.0.0.1:5000", "conv-1", replyToId);

        Assert.Equal("http://127.0.0.1:5000/v3/conversations/conv-1/activities", uri.AbsoluteUri);
    }

    [Fact]
    public void RetryAfter_HttpDate_IsTheTimeUntilThen()
    {
        var now = new DateTimeOffset(2026, 11, 26, 1, 30, 0, TimeSpan.Zero);
        var header = RetryConditionHeaderValue.Parse("Thu, 26 Nov 2026 01:30:12 GMT");

        Assert.Equal(TimeSpan.FromSeconds(12), BotFrameworkSender.RetryAfter(header, now));
        Assert.Equal(TimeSpan.Zero, BotFrameworkSender.RetryAfter(header, now.AddMinutes(1)));
        Assert.Null(BotFrameworkSender.RetryAfter(null, now));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.PreconditionFailed, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.MethodNotAllowed, false)]
    public void IsRetryable_StatusCode_FollowsTheConnectorRules(HttpStatusCode status, bool retryable)
    {
        Assert.Equal(retryable, BotFrameworkSender.IsRetryable(status));
    }
}
