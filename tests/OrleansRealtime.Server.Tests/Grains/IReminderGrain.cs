using OrleansRealtime.Abstractions.Grains;

namespace OrleansRealtime.Server.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task Unregister(string name);

    Task<string[]> List();
}
