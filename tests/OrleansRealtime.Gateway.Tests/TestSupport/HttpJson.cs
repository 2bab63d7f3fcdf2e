using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrleansRealtime.GrainInterfaces.Events;

namespace OrleansRealtime.Gateway.Tests.TestSupport;

/// <summary>JSON over HTTP with the API's settings (snake_case), every call with a timeout.</summary>
public static class HttpJson
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object? body) =>
        http.PostAsJsonAsync(path, body, EventJson.Options).WithTimeout();

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string path, object? body) =>
        http.PutAsJsonAsync(path, body, EventJson.Options).WithTimeout();

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient http, string path, object? body) =>
        http.PatchAsJsonAsync(path, body, EventJson.Options).WithTimeout();

    /// <summary>Posts <paramref name="raw"/> as it is (malformed JSON, wrong content types).</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient http, string path, string raw, string contentType = "application/json") =>
        http.PostAsync(path, new StringContent(raw, Encoding.UTF8, contentType)).WithTimeout();

    public static Task<HttpResponseMessage> GetAsyncWithTimeout(this HttpClient http, string path) => http.GetAsync(path).WithTimeout();

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().WithTimeout();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, EventJson.Options)!;
    }
}
