using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Server.Hosting;

namespace OrleansRealtime.Providers.Tests.Hosting;

/// <summary>Just the builder surface the provider extensions use, without a whole silo.</summary>
internal sealed class TestSiloBuilder(IServiceCollection services, IConfiguration configuration) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
