using System.Buffers;
using System.Text.Json;
using OrleansRealtime.Abstractions.Invocation;

namespace OrleansRealtime.CodeGenerator.Tests.TestSupport;

/// <summary>
/// Delivers each request to one local target the way a remote call would: the arguments go through
/// <c>WriteArguments</c>, a fresh request from the registry reads them back, and that copy is invoked.
/// </summary>
internal sealed class LoopbackCallInvoker(object target) : IGrainCallInvoker
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public List<GrainRequest> Sent { get; } = [];

    public List<GrainRequest> SentOneWay { get; } = [];

    public async Task<TResult> InvokeAsync<TResult>(GrainReference reference, GrainRequest request) =>
        (TResult)(await Deliver(request, Sent))!;

    public async Task InvokeAsync(GrainReference reference, GrainRequest request) => await Deliver(request, Sent);

    public void InvokeOneWay(GrainReference reference, GrainRequest request) => _ = Deliver(request, SentOneWay);

    public static string WriteArguments(GrainRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteArguments(writer, Options);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static GrainRequest ReadArguments(string interfaceName, string methodName, string json)
    {
        GrainRequest request = GrainInterfaceRegistry.CreateRequest(interfaceName, methodName);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        request.ReadArguments(ref reader, Options);
        return request;
    }

    private ValueTask<object?> Deliver(GrainRequest request, List<GrainRequest> log)
    {
        log.Add(request);
        GrainRequest copy = ReadArguments(request.InterfaceName, request.MethodName, WriteArguments(request));
        return copy.InvokeAsync(target);
    }
}
