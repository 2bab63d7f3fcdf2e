using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansRealtime.Server.Hosting;

/// <summary>
/// Configures one silo: grain classes, storage, reminders and stream providers are added through extension
/// methods on this builder (for example <c>AddMemoryGrainStorage("name")</c>), as with Orleans' ISiloBuilder.
/// </summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }

    IConfiguration Configuration { get; }
}
