using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Jobman.Plugins.KubernetesJobs.Cluster.Slim;

namespace Jobman.Plugins.KubernetesJobs.Tests.Unit;

/// <summary>
/// The hand-written reader must read exactly what System.Text.Json's serializer reads into the same models with the
/// options jobman used before (camelCase names, nothing else): every contract object and every awkward input below is
/// read both ways and the results (or the refusal) compared.
/// </summary>
public class SlimReaderTests
{
    private static readonly JsonSerializerOptions Oracle = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSerializerOptions Dump = new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private static readonly string[] ContractFiles =
    [
        "samples/joblist-running-succeeded-failed.json", "samples/joblist-page1-limit1.json", "fixtures-roundtrip/batch.v1.Job.json",
        "samples/podlist-by-job-selector.json", "samples/pod-imagepullbackoff.json", "samples/pod-pending-unschedulable.json",
        "real-captures/minikube-2017-podlist-from-csharp-tests.json", "fixtures-roundtrip/core.v1.Pod.json",
    ];

    private static readonly string[] ReadAlike =
    [
        "null",
        """{"metadata":null,"items":null}""",
        """{"items":[null,{},{"metadata":null,"spec":null,"status":null}]}""",
        """{"kind":"JobList","metadata":{"continue":"c1","resourceVersion":"42","remainingItemCount":3},"items":[]}""",
        """{"items":[{"metadata":{"name":"a","name":"b","uid":"u1","uid":null}}]}""",
        """{"future":{"x":[1,{"y":null},[true,false]],"s":"\u0000"},"items":[{"futureField":[{"a":{"b":{}}}],"metadata":{"name":"a"}}]}""",
        """{"items":[{"metadata":{"labels":{"a":null,"b":"","c\"d":"e\\f","a":"again"},"annotations":{}}}]}""",
        """{"items":[{"metadata":{"n\u0061me":"escaped-name","Name":"wrong-case","NAME":"x"}}]}""",
        """{"items":[{"metadata":{"creationTimestamp":"2026-11-01T00:00:00Z","deletionTimestamp":"2026-11-01T10:20:30.123456Z"}}]}""",
        """{"items":[{"status":{"startTime":"2026-11-01T00:00:00+02:00","completionTime":null,"conditions":[{"type":"Complete","status":"True","lastTransitionTime":"2026-11-01T00:00:00.5Z"},null]}}]}""",
        """{"items":[{"spec":{"suspend":true,"backoffLimit":0,"completions":2147483647,"parallelism":-1,"completionMode":"Indexed","backoffLimitPerIndex":null,"maxFailedIndexes":3}}]}""",
        """{"items":[{"status":{"active":1,"ready":0,"succeeded":2,"failed":-0,"completedIndexes":"0-3,5","failedIndexes":""}}]}""",
        """{"items":[{"spec":{"template":{"metadata":{"labels":{"x":"y"}},"spec":{"nodeName":"n1","containers":[{"name":"main","image":"i","command":["a",null,"\u00e9"],"args":[],"resources":{"requests":{"cpu":"1"},"limits":null}},null]}}}}]}""",
        """{"items":[{"metadata":{"ownerReferences":[{"uid":"j1","controller":true},{"uid":"j2","controller":false},{"uid":"j3","controller":null},null]}}]}""",
        """{"items":[{"status":{"phase":"Failed","reason":"Evicted","containerStatuses":[{"name":"main","imageID":"sha","state":{"waiting":{"reason":"ErrImagePull","message":"m"},"running":{"startedAt":"2026-11-01T00:00:00Z"},"terminated":{"reason":"Error","exitCode":137}},"lastState":{"terminated":{"exitCode":-1}}},{"state":{"terminated":{}}}]}}]}""",
        "\uFEFF{\"items\":[]}",
        " \r\n\t{\"items\":[]} \n",
    ];

    private static readonly string[] RefusedAlike =
    [
        "",
        "[]",
        "42",
        """{"items":{}}""",
        """{"items":[1]}""",
        """{"items":[{"metadata":[]}]}""",
        """{"items":[{"metadata":{"name":1}}]}""",
        """{"items":[{"metadata":{"labels":{"a":1}}}]}""",
        """{"items":[{"metadata":{"labels":["a"]}}]}""",
        """{"items":[{"metadata":{"creationTimestamp":"yesterday"}}]}""",
        """{"items":[{"metadata":{"creationTimestamp":""}}]}""",
        """{"items":[{"status":{"succeeded":"3"}}]}""",
        """{"items":[{"status":{"succeeded":1.5}}]}""",
        """{"items":[{"status":{"succeeded":1e2}}]}""",
        """{"items":[{"status":{"succeeded":2147483648}}]}""",
        """{"items":[{"spec":{"suspend":"true"}}]}""",
        """{"items":[{"spec":{"suspend":0}}]}""",
        """{"items":[{"spec":{"template":{"spec":{"containers":{}}}}}]}""",
        """{"items":[{"spec":{"template":{"spec":{"containers":[{"command":"sh"}]}}}}]}""",
        """{"items":[{"status":{"containerStatuses":[{"state":{"terminated":{"exitCode":null}}}]}}]}""",
        """{"items":[]} trailing""",
        """{"items":[]}{"items":[]}""",
        "{\"items\":[] // comment\n}",
        """{"items":[],}""",
        """{"items":[""",
        """{'items':[]}""",
    ];

    [TestCaseSource(nameof(ContractFiles))]
    public void Contract_objects_read_as_the_serializer_reads_them(string file)
    {
        var list = Encoding.UTF8.GetBytes(SlimSamples.AsList(file));

        Dumped(SlimReader.JobList(list)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimList<SlimJob>>(list, Oracle)), file);
        Dumped(SlimReader.PodList(list)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimList<SlimPod>>(list, Oracle)), file);
    }

    [TestCaseSource(nameof(ReadAlike))]
    public void Awkward_but_valid_answers_read_as_the_serializer_reads_them(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        // The serializer skipped a byte order mark only when streaming, as the list reader did.
        var forOracle = json.StartsWith('\uFEFF') ? Encoding.UTF8.GetBytes(json[1..]) : utf8;

        Dumped(SlimReader.JobList(utf8)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimList<SlimJob>>(forOracle, Oracle)));
        Dumped(SlimReader.PodList(utf8)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimList<SlimPod>>(forOracle, Oracle)));
    }

    [TestCaseSource(nameof(RefusedAlike))]
    public void Answers_the_serializer_refuses_are_refused(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);

        // Each model skips what it does not read (a pod has no status.succeeded): the outcome must match per model,
        // and at least one of them must refuse, or the case proves nothing.
        var refusals = Outcome(utf8, bytes => SlimReader.JobList(bytes)) + Outcome(utf8, bytes => SlimReader.PodList(bytes));

        refusals.Should().BeGreaterThan(0);
    }

    [Test]
    public void Invalid_utf8_and_deep_nesting_are_refused()
    {
        byte[] badUtf8 = [.. "{\"items\":[{\"metadata\":{\"name\":\""u8, 0xC3, 0x28, .. "\"}}]}"u8];
        var deep = Encoding.UTF8.GetBytes("{\"x\":" + new string('[', 70) + new string(']', 70) + ",\"items\":[]}");

        foreach (var input in new[] { badUtf8, deep })
        {
            ((Action)(() => JsonSerializer.Deserialize<SlimList<SlimJob>>(input, Oracle))).Should().Throw<JsonException>();
            ((Action)(() => SlimReader.JobList(input))).Should().Throw<JsonException>();
        }
    }

    [Test]
    public void Single_objects_read_as_list_items_do()
    {
        var pod = Encoding.UTF8.GetBytes(Contracts.Text("samples/pod-imagepullbackoff.json"));
        var job = Encoding.UTF8.GetBytes(Contracts.Text("fixtures-roundtrip/batch.v1.Job.json"));

        Dumped(SlimReader.Pod(pod)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimPod>(pod, Oracle)));
        Dumped(SlimReader.Job(job)).Should().Be(Dumped(JsonSerializer.Deserialize<SlimJob>(job, Oracle)));
        SlimReader.Job("null"u8).Should().BeNull();
    }

    private static string Dumped<T>(T value) => JsonSerializer.Serialize(value, Dump);

    /// <returns>1 when both refused the input, 0 when both read the same.</returns>
    private static int Outcome<T>(byte[] utf8, Func<byte[], SlimList<T>?> read)
    {
        string? expected;
        try
        {
            expected = Dumped(JsonSerializer.Deserialize<SlimList<T>>(utf8, Oracle));
        }
        catch (JsonException)
        {
            ((Action)(() => read(utf8))).Should().Throw<JsonException>($"the serializer refused it as a list of {typeof(T).Name}");
            return 1;
        }

        Dumped(read(utf8)).Should().Be(expected, $"the serializer read it as a list of {typeof(T).Name}");
        return 0;
    }
}
