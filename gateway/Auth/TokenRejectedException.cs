namespace OrleansRealtime.Gateway.Auth;

/// <summary>Carries a refused token's code and safe reason from authentication to the 401 challenge; never thrown.</summary>
internal sealed class TokenRejectedException(string errorCode, string reason) : Exception(reason)
{
    public string ErrorCode { get; } = errorCode;
}
