using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Serialization;

// Prints a header and one line per job of FLOOR_NAMESPACE on FLOOR_SERVER (bearer FLOOR_TOKEN, CA in FLOOR_CA_FILE),
// reading jobs and pods the way jobman list does: both lists at once, paged at 500, decoded by generated code, with
// the system trust store loaded in the background.
var server = new Uri(Environment.GetEnvironmentVariable("FLOOR_SERVER")!);
var ns = Uri.EscapeDataString(Environment.GetEnvironmentVariable("FLOOR_NAMESPACE")!);
_ = Task.Run(static () =>
{
    using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
    store.Open(OpenFlags.ReadOnly);
    foreach (var certificate in store.Certificates)
    {
        certificate.Dispose();
    }
});
var handler = new SocketsHttpHandler();
handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
{
    TrustMode = X509ChainTrustMode.CustomRootTrust,
    RevocationMode = X509RevocationMode.NoCheck,
    CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(Environment.GetEnvironmentVariable("FLOOR_CA_FILE")!)) },
};
using var http = new HttpClient(handler) { BaseAddress = server };
http.DefaultRequestHeaders.Authorization = new("Bearer", Environment.GetEnvironmentVariable("FLOOR_TOKEN"));

var jobs = ListAsync($"/apis/batch/v1/namespaces/{ns}/jobs");
var pods = ListAsync($"/api/v1/namespaces/{ns}/pods");
await pods;
var output = new StreamWriter(Console.OpenStandardOutput());
output.WriteLine("NAME");
foreach (var job in await jobs)
{
    output.WriteLine(job.Metadata?.Name);
}

output.Flush();

async Task<List<Item>> ListAsync(string path)
{
    var items = new List<Item>();
    string? token = null;
    do
    {
        var query = token is null ? "?limit=500" : $"?limit=500&continue={Uri.EscapeDataString(token)}";
        using var response = await http.GetAsync(path + query, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var page = await JsonSerializer.DeserializeAsync(body, FloorJson.Default.ItemList);
        items.AddRange(page?.Items ?? []);
        token = page?.Metadata?.Continue;
    }
    while (!string.IsNullOrEmpty(token));
    return items;
}

internal sealed class ItemList
{
    public ListMeta? Metadata { get; init; }

    public List<Item>? Items { get; init; }
}

internal sealed class ListMeta
{
    public string? Continue { get; init; }
}

internal sealed class Item
{
    public ObjectMeta? Metadata { get; init; }
}

internal sealed class ObjectMeta
{
    public string? Name { get; init; }

    public DateTime? CreationTimestamp { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ItemList))]
internal sealed partial class FloorJson : JsonSerializerContext;
