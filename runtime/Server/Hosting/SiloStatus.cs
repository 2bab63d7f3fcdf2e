namespace OrleansRealtime.Server.Hosting;

public enum SiloStatus
{
    Created,
    Starting,
    Active,
    Stopping,
    Stopped,
}
