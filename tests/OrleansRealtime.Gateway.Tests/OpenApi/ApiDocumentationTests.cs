using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Gateway.Errors;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.OpenApi;

/// <summary>docs/api.md keeps up with the code: every mapped endpoint has a section with a curl example, and every HTTP-layer error code is listed.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ApiDocumentationTests(GatewayFixture fixture)
{
    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md")));

    [Fact]
    public void EveryEndpoint_HasASection_WithACurlExample()
    {
        var endpoints = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal));
        foreach (var endpoint in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single();
            var heading = $"#### `{method} /{endpoint.RoutePattern.RawText!.Trim('/')}`";
            var at = Document.Value.IndexOf(heading + "\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"docs/api.md has no section '{heading}'");
            var next = Document.Value.IndexOf("\n#### ", at + heading.Length, StringComparison.Ordinal);
            var section = next < 0 ? Document.Value[at..] : Document.Value[at..next];
            Assert.Contains("curl ", section);
        }
    }

    [Fact]
    public void EveryHttpErrorCode_IsDocumented()
    {
        var codes = typeof(ApiErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        foreach (var code in codes)
        {
            Assert.Contains($"`{code}`", Document.Value);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OrleansRealtime.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("OrleansRealtime.sln not found above " + AppContext.BaseDirectory);
    }
}
