using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace OrleansRealtime.Server.Transport.Internal;

/// <summary>
/// Kestrel needs an HTTP application to start, but every endpoint of the transport's server ends in a
/// connection handler that never calls the HTTP layer, so this is never invoked.
/// </summary>
internal sealed class NoHttpApplication : IHttpApplication<object>
{
    public object CreateContext(IFeatureCollection contextFeatures) =>
        throw new NotSupportedException("The transport listener speaks no HTTP.");

    public Task ProcessRequestAsync(object context) =>
        throw new NotSupportedException("The transport listener speaks no HTTP.");

    public void DisposeContext(object context, Exception? exception)
    {
    }
}
