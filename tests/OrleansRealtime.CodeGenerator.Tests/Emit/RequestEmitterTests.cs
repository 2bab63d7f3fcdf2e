using System.Text.Json;
using OrleansRealtime.Abstractions.Invocation;
using OrleansRealtime.CodeGenerator.Tests.TestSupport;

namespace OrleansRealtime.CodeGenerator.Tests.Emit;

public sealed class RequestEmitterTests
{
    [Fact]
    public async Task ReadArguments_SkipsUnknownProperties_AndLeavesMissingOnesAtTheirDefault()
    {
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);
        const string Json = """{"unknown":{"nested":[1,{"a":2}],"more":null},"count":3,"room":"lobby","addedLater":"x"}""";

        GrainRequest request = LoopbackCallInvoker.ReadArguments(RoundTripSample.ChatGrain, RoundTripSample.PostMethod, Json);
        object? result = await request.InvokeAsync(RoundTripSample.CreateGrain()).AsTask().WaitAsync(GeneratedAssemblyExtensions.Timeout);

        Assert.Equal("lobby:3:none", result);
    }

    [Fact]
    public void WriteArguments_WritesAnObjectKeyedByParameterName()
    {
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);
        GrainRequest request = LoopbackCallInvoker.ReadArguments(
            RoundTripSample.ChatGrain, RoundTripSample.PostMethod, """{"room":"r","count":1,"tags":["a","b"]}""");

        using JsonDocument written = JsonDocument.Parse(LoopbackCallInvoker.WriteArguments(request));

        Assert.Equal(["room", "count", "tags"], written.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("r", written.RootElement.GetProperty("room").GetString());
        Assert.Equal(1, written.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(2, written.RootElement.GetProperty("tags").GetArrayLength());
    }

    [Fact]
    public async Task WriteThenReadArguments_RoundTripsEveryArgument()
    {
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);
        GrainRequest original = LoopbackCallInvoker.ReadArguments(
            RoundTripSample.ChatGrain, RoundTripSample.PostMethod, """{"room":"r","count":1,"tags":["a","b"]}""");

        GrainRequest copy = LoopbackCallInvoker.ReadArguments(original.InterfaceName, original.MethodName, LoopbackCallInvoker.WriteArguments(original));
        object? result = await copy.InvokeAsync(RoundTripSample.CreateGrain()).AsTask().WaitAsync(GeneratedAssemblyExtensions.Timeout);

        Assert.Equal("r:1:a+b", result);
        Assert.NotSame(original, copy);
        Assert.IsType(original.GetType(), copy);
    }

    [Fact]
    public void ReadArguments_RejectsAValueThatIsNotAnObject()
    {
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);

        Assert.Throws<JsonException>(() => LoopbackCallInvoker.ReadArguments(RoundTripSample.ChatGrain, "Touch()", "[1]"));
    }

    [Fact]
    public async Task ReadArguments_OfAMethodWithoutParameters_SkipsWhateverItIsSent()
    {
        object grain = RoundTripSample.CreateGrain();
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);

        GrainRequest request = LoopbackCallInvoker.ReadArguments(RoundTripSample.ChatGrain, "Touch()", """{"old":[1,2,3]}""");
        object? result = await request.InvokeAsync(grain).AsTask().WaitAsync(GeneratedAssemblyExtensions.Timeout);

        Assert.Null(result);
        Assert.Equal(["touch"], RoundTripSample.LogOf(grain));
        Assert.Equal("{}", LoopbackCallInvoker.WriteArguments(request));
    }

    [Fact]
    public void WriteResultThenReadResult_RoundTripsTheResult()
    {
        RoundTripSample.Assembly.Value.Interface(RoundTripSample.ChatGrain);
        GrainRequest request = GrainInterfaceRegistry.CreateRequest(RoundTripSample.ChatGrain, "Add(int,int)");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            request.WriteResult(writer, 42, JsonSerializerOptions.Default);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();

        Assert.Equal(42, request.ReadResult(ref reader, JsonSerializerOptions.Default));
        Assert.Equal(typeof(int), request.ResultType);
    }
}
