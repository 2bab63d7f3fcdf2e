namespace OrleansRealtime.Gateway.Errors;

/// <summary>
/// The <c>error_code</c> values the HTTP layer itself produces. Domain refusals carry the grain's own code
/// (<c>insufficient_balance</c>, <c>library_not_found</c>…) instead.
/// </summary>
public static class ApiErrorCodes
{
    /// <summary>401: no bearer token was sent.</summary>
    public const string MissingToken = "missing_token";

    /// <summary>401: the token is malformed, unsigned, signed with another key or algorithm, or has a wrong issuer or audience.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>401: the token's <c>exp</c> has passed (beyond the clock skew).</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>403: the resource belongs to someone else, or the endpoint needs a role the caller lacks.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: no endpoint under <c>/api</c> matches the path.</summary>
    public const string RouteNotFound = "route_not_found";

    /// <summary>405: the path exists, the method does not.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>400: the body is not JSON, or a value has the wrong JSON type.</summary>
    public const string MalformedJson = "malformed_json";

    /// <summary>400: a required body, field, header or query value is missing.</summary>
    public const string MissingField = "missing_field";

    /// <summary>400: a route, query or header value cannot be parsed (<c>limit=abc</c>).</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>400: a value is out of range or too long (checked at the edge, before any grain is called).</summary>
    public const string InvalidInput = "invalid_input";

    /// <summary>413: the body is larger than <see cref="Hosting.RealtimeApiOptions.MaxRequestBodyBytes"/>.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>415: the body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>503: the cluster is unreachable or did not answer in time; retrying later may succeed.</summary>
    public const string Unavailable = "service_unavailable";

    /// <summary>500: an unexpected failure; its text is logged, never returned.</summary>
    public const string InternalError = "internal_error";
}
