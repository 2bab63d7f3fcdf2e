using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OrleansRealtime.Gateway.Tests.TestSupport;
using OrleansRealtime.GrainInterfaces.Conversations;
using OrleansRealtime.GrainInterfaces.Libraries;
using OrleansRealtime.GrainInterfaces.Users;

namespace OrleansRealtime.Gateway.Tests.Errors;

/// <summary>Every failure under /api is an RFC 9457 problem detail with an error_code; refused bodies change nothing.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ProblemDetailsTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Theory]
    [InlineData("{\"amount\": 10")]
    [InlineData("{amount: 10}")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"amount\": 10,}")]
    public async Task MalformedJson_Gets400_MalformedJson_AndChangesNothing(string body)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As("billing", "service");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostRawAsync($"/api/users/{user}/balance/deposit", body);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Equal(0, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    public static TheoryData<string, string> MalformedElsewhere() => new()
    {
        { "notification", "{\"title\": \"Hi\", \"message\": \"there\"" },
        { "library", "{\"library_id\": \"{library}\", \"name\": \"Mine\",}" },
        { "chat", "{\"message\": \"What should I play?\", \"library_id\": \"{library}\" " },
    };

    /// <summary>Malformed JSON is refused the same way on every endpoint that takes a body, not only on deposits.</summary>
    [Theory]
    [MemberData(nameof(MalformedElsewhere))]
    public async Task MalformedJson_OnOtherEndpoints_Gets400_ChangesNothing_PublishesNothing(string endpoint, string body)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var libraryId = TestTimeouts.NewKey("lib");
        var conversationId = TestTimeouts.NewKey("chat");
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);
        var path = endpoint switch
        {
            "notification" => $"/api/users/{user}/notifications",
            "library" => "/api/libraries",
            _ => $"/api/conversations/{conversationId}/messages",
        };

        using var response = await http.PostRawAsync(path, body.Replace("{library}", libraryId, StringComparison.Ordinal));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
        Assert.Null(await Host.Client.GetGrain<ILibraryGrain>(libraryId).GetInfoAsync().WithTimeout());
        var history = await Host.Client.GetGrain<IConversationGrain>(conversationId).GetHistoryAsync(user).WithTimeout();
        Assert.Null(history.OwnerUserId);
        Assert.Empty(history.Messages);
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task MissingRequiredField_Gets400_MissingField_NamingIt_ChangesNothing_PublishesNothing()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        await using var probe = await StreamProbe.ForUserAsync(Host.Client, user);

        using var response = await http.PostRawAsync($"/api/users/{user}/notifications", "{\"title\": \"Hi\"}");

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_field");
        Assert.Contains("message", problem.GetProperty("detail").GetString());
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
        Assert.Empty(await probe.EventsBeforeBarrierAsync(Host.Client, user));
    }

    [Fact]
    public async Task MissingBody_Gets400_MissingField()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As("billing", "service");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/balance/deposit");

        using var response = await http.SendAsync(request).WithTimeout();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "missing_field");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task WrongContentType_Gets415_UnsupportedMediaType(string contentType)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As("billing", "service");

        using var response = await http.PostRawAsync($"/api/users/{user}/balance/deposit", "{\"amount\": 10}", contentType);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.Equal(0, await Host.Client.GetGrain<IUserGrain>(user).GetBalanceAsync().WithTimeout());
    }

    [Fact]
    public async Task OversizeBody_Gets413_BeforeAnythingRuns()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var message = new string('x', 70 * 1024);

        using var response = await http.PostJsonAsync($"/api/users/{user}/notifications", new { title = "big", message });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
    }

    [Fact]
    public async Task OversizeChunkedBody_Gets413_Too()
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var body = Encoding.UTF8.GetBytes($"{{\"title\": \"big\", \"message\": \"{new string('y', 100 * 1024)}\"}}");
        using var content = new StreamContent(new MemoryStream(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/notifications") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request).WithTimeout();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BodyOfManyReadChunks_WithinTheLimit_ReachesTheEndpointWhole(bool chunked)
    {
        var user = TestTimeouts.NewKey("user");
        using var http = Host.As(user);
        var message = string.Concat(Enumerable.Range(0, 4000).Select(i => $"{i:D5},")); // 24 KB: three reads of 8 KB and more
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { title = "long", message }));
        using HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{user}/notifications") { Content = content };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request).WithTimeout();

        // Bound whole: the endpoint's own rule (at most 2,000 characters) sees every one of the 24,000.
        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "message_too_long");
        Assert.Contains("24000 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await Host.Client.GetGrain<IUserGrain>(user).ListNotificationsAsync().WithTimeout());
    }

    [Fact]
    public async Task UnknownApiRoute_Gets404_RouteNotFound()
    {
        using var http = Host.As("alice");

        using var response = await http.GetAsyncWithTimeout("/api/no/such/thing");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "route_not_found");
    }

    [Fact]
    public async Task WrongMethod_Gets405_MethodNotAllowed()
    {
        using var http = Host.As("alice");

        using var response = await http.DeleteAsync("/api/users/alice/balance/deposit").WithTimeout();

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task OversizeIdInTheRoute_Gets400_InvalidId()
    {
        var user = new string('u', 200);
        using var http = Host.As(user);

        using var response = await http.GetAsyncWithTimeout($"/api/users/{user}/balance");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid_id");
    }

    [Fact]
    public async Task ProblemDetails_NeverCarryExceptionText()
    {
        using var http = Host.As("billing", "service");

        using var response = await http.PostRawAsync("/api/users/alice/balance/deposit", "{\"amount\": \"x\"}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", body);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("OrleansRealtime.", body);
    }
}
