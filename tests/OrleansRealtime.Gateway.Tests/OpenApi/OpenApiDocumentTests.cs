using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansRealtime.Gateway.Tests.TestSupport;

namespace OrleansRealtime.Gateway.Tests.OpenApi;

[Collection(GatewayCollection.Name)]
public sealed class OpenApiDocumentTests(GatewayFixture fixture)
{
    private GatewayHost Host => fixture.Host;

    [Fact]
    public async Task Document_IsServedWithoutAToken_AndListsEveryApiEndpoint()
    {
        using var http = Host.Anonymous();
        using var response = await http.GetAsyncWithTimeout("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths");
        var endpoints = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} endpoints");
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing from the document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing from the document");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("operationId").GetString()), $"{method} {path} has no name");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            Assert.Equal("Bearer", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
        }
    }

    [Fact]
    public async Task Document_DescribesTheBearerScheme_AndSnakeCaseBodies()
    {
        using var http = Host.Anonymous();
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json").WithTimeout());

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
        var amountRequest = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("AmountRequest");
        Assert.True(amountRequest.GetProperty("properties").TryGetProperty("amount", out _));
        var library = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("LibraryInfo");
        Assert.True(library.GetProperty("properties").TryGetProperty("owner_user_id", out _));
    }
}
