using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.GrainInterfaces.Errors;

namespace OrleansRealtime.Gateway.Tests.Errors;

public sealed class ApiExceptionHandlerTests
{
    public static TheoryData<Exception, int, string> Cases() => new()
    {
        { new DomainValidationException("invalid_amount", "bad"), 400, "invalid_amount" },
        { new DomainNotFoundException("library_not_found", "gone"), 404, "library_not_found" },
        { new DomainForbiddenException("conversation_forbidden", "not yours"), 403, "conversation_forbidden" },
        { new DomainConflictException("insufficient_balance", "too much"), 409, "insufficient_balance" },
        { new DomainValidationException("[game_exists] recreated from a message, as after a grain call"), 400, "game_exists" },
        { new TimeoutException("response timeout for call 42 to grain xyz"), 503, "service_unavailable" },
        { new SiloUnavailableException("silo 10.0.0.7 is down"), 503, "service_unavailable" },
        { new InvalidOperationException("connection string Password=hunter2 was rejected"), 500, "internal_error" },
        { new NullReferenceException(), 500, "internal_error" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Exception_BecomesAProblemDetail_WithItsStatusAndCode(Exception exception, int status, string errorCode)
    {
        var context = NewContext();

        Assert.True(await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(context, exception, CancellationToken.None));

        context.Response.Body.Position = 0;
        var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal(errorCode, problem.RootElement.GetProperty("error_code").GetString());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        if (exception is not DomainException)
        {
            Assert.DoesNotContain(exception.Message, detail);
            Assert.DoesNotContain("hunter2", detail);
        }
    }

    [Fact]
    public async Task Unavailable_TellsTheClientWhenToRetry()
    {
        var context = NewContext();

        await new ApiExceptionHandler(NullLogger<ApiExceptionHandler>.Instance).TryHandleAsync(context, new TimeoutException(), CancellationToken.None);

        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("5", context.Response.Headers.RetryAfter.ToString());
    }

    private static DefaultHttpContext NewContext()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }
}
