namespace OrleansRealtime.Gateway.SocketIo.Internal;

/// <summary>
/// What a codec makes of untrusted input: a value, or the reason it was refused. Codecs return this instead
/// of throwing, so a malformed packet (CVE-2023-32695, CVE-2022-21676) ends one session, never a request
/// pipeline or the process.
/// </summary>
internal readonly struct DecodeResult<T>
{
    private DecodeResult(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    /// <summary>Why the input was refused (safe to log: it never quotes more than a few characters of the input).</summary>
    public string? Error { get; }

    public bool IsSuccess => Error is null;

    public static DecodeResult<T> Success(T value) => new(value, null);

    public static DecodeResult<T> Failure(string error) => new(default, error);
}
