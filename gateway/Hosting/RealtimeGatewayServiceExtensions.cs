using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansRealtime.Gateway.Auth;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Hosting.Internal;
using OrleansRealtime.Gateway.OpenApi;
using OrleansRealtime.Gateway.Sessions;
using OrleansRealtime.Gateway.SocketIo;
using OrleansRealtime.Gateway.SocketIo.Realtime;
using OrleansRealtime.Gateway.WebSockets;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Hosting;

/// <summary>
/// Registers the gateway: JWT authentication and policies, problem details, the API's JSON settings (the
/// documents' snake_case), edge limits, the OpenAPI document, the raw WebSocket endpoints and document 001's
/// Socket.IO endpoint (map them with <c>MapRealtimeWebSockets</c> and <c>MapRealtimeSocketIo</c>). Grains are reached through the
/// <c>IGrainFactory</c> in the container: the co-hosting silo's, or a cluster client's in a gateway pod.
/// </summary>
public static class RealtimeGatewayServiceExtensions
{
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IServiceCollection AddRealtimeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddValidated(services, configuration, RealtimeAuthOptions.SectionName, RealtimeAuthOptions.Rules());
        AddValidated(services, configuration, RealtimeApiOptions.SectionName, RealtimeApiOptions.Rules());
        AddValidated(services, configuration, RealtimeGatewayOptions.SectionName, RealtimeGatewayOptions.Rules());
        services.AddRealtimeWebSockets();
        services.AddSocketIo<SocketIoRealtimeHandler>(configuration);

        // ASP.NET Core's "Request starting GET /ws?token=…" line carries the full query string, which for a
        // WebSocket handshake holds the JWT. Registered after the configuration's rules, this one wins for
        // that category, so no logging setting can bring the line back.
        services.AddLogging(logging => logging.AddFilter(HostingDiagnosticsCategory, LogLevel.Warning));

        services.AddSingleton<RealtimeTokenValidator>();
        services.AddSingleton<JwtTokenIssuer>();
        services.AddAuthentication(JwtAuthenticationDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, JwtAuthenticationHandler>(JwtAuthenticationDefaults.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RealtimePolicies.Admin, p => p.RequireAuthenticatedUser().RequireRole(RealtimeRoles.Admin));

        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();

        // Binding failures throw, so ApiExceptionHandler answers them with a problem detail and an error_code
        // instead of the framework's bare 400.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => CopyEventJson(o));

        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<BearerSecurityTransformer>();
            o.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return services;
    }

    /// <summary>The API speaks the event JSON of the documents: snake_case, string enums, UTC timestamps with 'Z'.</summary>
    private static void CopyEventJson(JsonOptions o)
    {
        var source = EventJson.Options;
        var target = o.SerializerOptions;
        target.PropertyNamingPolicy = source.PropertyNamingPolicy;
        target.DictionaryKeyPolicy = source.DictionaryKeyPolicy;
        target.PropertyNameCaseInsensitive = source.PropertyNameCaseInsensitive;
        target.NumberHandling = source.NumberHandling;
        target.DefaultIgnoreCondition = source.DefaultIgnoreCondition;
        target.UnmappedMemberHandling = source.UnmappedMemberHandling;
        target.MaxDepth = 32;
        foreach (var converter in source.Converters)
        {
            target.Converters.Add(converter);
        }
    }

    private static void AddValidated<TOptions>(IServiceCollection services, IConfiguration configuration, string section, IEnumerable<Func<TOptions, string?>> rules)
        where TOptions : class
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new RuleValidator<TOptions>(section, rules));
    }
}
