using System.Reflection;
using OrleansRealtime.CodeGenerator.Tests.TestSupport;

namespace OrleansRealtime.CodeGenerator.Tests.Emit;

/// <summary>A compiled sample with a grain interface, an inheriting one, an observer and one class implementing them.</summary>
internal static class RoundTripSample
{
    public static readonly Lazy<Assembly> Assembly = new(() => GeneratorHarness.Run("RoundTrip.Grains", """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using OrleansRealtime.Abstractions.Concurrency;
        using OrleansRealtime.Abstractions.Grains;

        namespace RoundTrip
        {
            public sealed record Message(string Text, int Priority);

            public interface IChatGrain : IGrainWithStringKey
            {
                Task<string> Post(string room, int count, List<string>? tags);
                ValueTask<Message?> Echo(Message? message);
                Task Clear(string room);
                ValueTask Touch();
                [OneWay] Task Fire(string what);
                Task<int> Add(int a, int b);
            }

            public interface IAuditedChatGrain : IChatGrain
            {
                Task<int> Add(int a, int b, int c);
            }

            public interface IChatObserver : IGrainObserver
            {
                void Notify(string text);
            }

            public sealed class ChatGrain : IAuditedChatGrain, IChatObserver
            {
                public List<string> Log { get; } = new();

                public Task<string> Post(string room, int count, List<string>? tags) =>
                    Task.FromResult($"{room}:{count}:{(tags is null ? "none" : string.Join("+", tags))}");

                public ValueTask<Message?> Echo(Message? message) =>
                    new(message is null ? null : message with { Priority = message.Priority + 1 });

                public Task Clear(string room)
                {
                    Log.Add("clear " + room);
                    return Task.CompletedTask;
                }

                public ValueTask Touch()
                {
                    Log.Add("touch");
                    return default;
                }

                public Task Fire(string what)
                {
                    Log.Add("fire " + what);
                    return Task.CompletedTask;
                }

                public Task<int> Add(int a, int b) => Task.FromResult(a + b);

                public Task<int> Add(int a, int b, int c) => Task.FromResult(a + b + c);

                public void Notify(string text) => Log.Add("notify " + text);
            }
        }
        """).Load());

    public const string ChatGrain = "RoundTrip.IChatGrain";

    public const string PostMethod = "Post(string,int,System.Collections.Generic.List<string>)";

    public static object CreateGrain() => Assembly.Value.Create("RoundTrip.ChatGrain");

    public static IReadOnlyList<string> LogOf(object grain) => (IReadOnlyList<string>)grain.GetType().GetProperty("Log")!.GetValue(grain)!;
}
