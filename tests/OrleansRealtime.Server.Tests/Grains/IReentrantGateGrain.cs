namespace OrleansRealtime.Server.Tests.Grains;

public interface IReentrantGateGrain : IGateGrain;
