using Microsoft.AspNetCore.Http;

namespace OrleansRealtime.Gateway.Errors;

/// <summary>Builds the RFC 9457 problem details every API error is written as, with the <c>error_code</c> extension member.</summary>
public static class ApiProblems
{
    /// <summary>The extension member carrying the machine-readable code.</summary>
    public const string ErrorCodeMember = "error_code";

    public static IResult Create(int status, string errorCode, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            detail: detail,
            extensions: new Dictionary<string, object?> { [ErrorCodeMember] = errorCode });

    /// <summary>Writes the problem now (authentication handlers, middleware, the exception handler).</summary>
    public static Task WriteAsync(HttpContext context, int status, string errorCode, string detail) =>
        Create(status, errorCode, detail).ExecuteAsync(context);
}
