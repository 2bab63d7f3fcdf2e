using OrleansRealtime.Abstractions.Exceptions;
using OrleansRealtime.Abstractions.Membership;
using OrleansRealtime.Client.Messaging;
using OrleansRealtime.Client.Transport;

namespace OrleansRealtime.Server.Messaging;

/// <summary>
/// The response of a call sent to another silo. A redirect (the grain is elsewhere) corrects the location cache and
/// routes the original call again; a silo that turned out unreachable is dropped from the cache, so the next call
/// looks the grain up afresh; anything else reaches the caller unchanged.
/// </summary>
internal sealed class RoutedResponse(ClusterRouter router, Message original, SiloAddress silo) : IResponseSink
{
    public void Complete(object? result) => original.Response!.Complete(result);

    public void Fail(Exception exception)
    {
        switch (exception)
        {
            case GrainRedirectException redirect:
                router.Locator.Invalidate(original.Target, silo);
                if (redirect.Address is { } address)
                {
                    router.Locator.Cache(address);
                }

                router.Forward(original, redirect.Address?.SiloAddress);
                return;
            case SiloUnavailableException:
                router.Locator.Invalidate(original.Target, silo);
                break;
        }

        original.Response!.Fail(exception);
    }
}
