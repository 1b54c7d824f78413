namespace Jobman.Plugins.KubernetesJobs.Tests.Hostile;

/// <summary>The table of <see cref="HostileInputTests"/>: every row a reproduction of something a user can type.</summary>
internal static class HostileCases
{
    private const int Usage = 2;
    private const int Failed = 1;

    private static readonly string Long64 = new('a', 64);

    public static IEnumerable<HostileCase> All()
    {
        // 1. Names that go into a URL: refused before any request, whatever the command.
        string[] badJobNames = [".", "..", "a/b", "a%2Fb", "%2e", "abc\n", "Train", "-a", "a-", "a_b", "a.b", "", " a", "a b", "\u0430bc", "a\tb", "a\u001b[31m", Long64];
        foreach (var name in badJobNames)
        {
            yield return new($"details -j {Show(name)}", ["details", "-j", name], Usage, "job name");
        }

        foreach (var name in new[] { ".", "..", "a/b", "abc\n", "a%b" })
        {
            yield return new($"logs -j {Show(name)}", ["logs", "-j", name], Usage, "job name");
            yield return new($"delete -j {Show(name)} --yes", ["delete", "-j", name, "--yes"], Usage, "job name");
            yield return new($"wait -j {Show(name)}", ["wait", "-j", name], Usage, "job name");
            yield return new($"submit -j {Show(name)}", ["submit", "-i", "busybox", "-j", name, "--", "true"], Usage, "job name");
        }

        foreach (var name in new[] { ".", "..", "a/b", "abc\n", "a%b", "Queue" })
        {
            yield return new($"submit --queue {Show(name)}", ["submit", "-i", "busybox", "--queue", name, "--", "true"], Usage, "LocalQueue name");
            yield return new($"submit --queue q --priority {Show(name)}", ["submit", "-i", "busybox", "--queue", "q", "--priority", name, "--", "true"], Usage, "WorkloadPriorityClass name");
        }

        yield return new("submit -j 64 characters", ["submit", "-i", "busybox", "-j", Long64, "--", "true"], Usage, "64 characters");
        yield return new("submit --dry-run -j abc\\n", ["submit", "--dry-run", "-i", "busybox", "-j", "abc\n", "--", "true"], Usage, "job name 'abc\\n'");

        string[] badNamespaces = [".", "..", "a/b", "Team", "ns\n", "%2e%2e", "a.b", ""];
        foreach (var ns in badNamespaces)
        {
            yield return new($"list -n {Show(ns)}", ["list", "-n", ns], Usage, "namespace");
        }

        yield return new("details -n ..", ["details", "-j", "keep", "-n", ".."], Usage, "namespace '..'");
        yield return new("delete --all -n ..", ["delete", "--all", "--yes", "-n", ".."], Usage, "namespace '..'");
        yield return new("logs -n .", ["logs", "-j", "keep", "-n", "."], Usage, "namespace '.'");
        yield return new("wait -n /", ["wait", "-j", "keep", "-n", "/"], Usage, "namespace '/'");
        yield return new("submit -n ..", ["submit", "-i", "busybox", "-n", "..", "--", "true"], Usage, "namespace '..'");
        yield return new("queue -n ..", ["queue", "-n", ".."], Usage, "namespace '..'");
        yield return new("list --watch -n ..", ["list", "--watch", "-n", ".."], Usage, "namespace '..'");

        // Names from settings go into URLs too.
        yield return new("queue with jobsQueue.namespace ..", ["queue"], Usage, "settings jobsQueue.namespace") { Settings = """{ "jobsQueue": { "namespace": "..", "configmap": "jobs-queue" } }""" };
        yield return new("queue with jobsQueue.configmap ../x", ["queue"], Usage, "settings jobsQueue.configmap") { Settings = """{ "jobsQueue": { "namespace": "team-a", "configmap": "../x" } }""" };
        yield return new("queue with jobsQueue.configmap a%2Fb", ["queue"], Usage, "settings jobsQueue.configmap") { Settings = """{ "jobsQueue": { "namespace": "team-a", "configmap": "a%2Fb" } }""" };
        yield return new("queue publish with jobsQueue.namespace .", ["queue", "publish"], Usage, "settings jobsQueue.namespace") { Settings = """{ "jobsQueue": { "namespace": ".", "configmap": "jobs-queue" } }""" };
        yield return new("submit with job.userConfigmap ../secret", ["submit", "-i", "busybox", "--", "true"], Usage, "settings job.userConfigmap") { Settings = """{ "job": { "userConfigmap": "../secret" } }""" };

        // 7. Values that used to crash: durations that overflow, digits of other scripts, duplicate JSON keys.
        yield return new("submit --ttl 999999999999h", ["submit", "-i", "busybox", "--ttl", "999999999999h", "--", "true"], Usage, "--ttl");
        yield return new("submit --deadline 999999999999h", ["submit", "-i", "busybox", "--deadline", "999999999999h", "--", "true"], Usage, "--deadline");
        yield return new("submit --deadline 99999999999999999999", ["submit", "-i", "busybox", "--deadline", "99999999999999999999", "--", "true"], Usage, "--deadline");
        yield return new("wait --timeout 999999999999h", ["wait", "-j", "keep", "--timeout", "999999999999h"], Usage, "--timeout");
        yield return new("logs --since 999999999999h", ["logs", "-j", "keep", "--since", "999999999999h"], Usage, "--since");
        yield return new("logs --since with Arabic digits", ["logs", "-j", "keep", "--since", "\u0661\u0662s"], Usage, "--since");
        yield return new("logs --since -5s", ["logs", "-j", "keep", "--since", "-5s"], Usage, "--since");
        yield return new("wait --timeout abc", ["wait", "-j", "keep", "--timeout", "abc"], Usage, "--timeout");
        yield return new("logs --tail -1", ["logs", "-j", "keep", "--tail", "-1"], Usage, "--tail");
        yield return new("submit --retries -1", ["submit", "-i", "busybox", "--retries", "-1", "--", "true"], Usage, "--retries");
        yield return new("submit -a with a duplicate key", ["submit", "-i", "busybox", "-a", """{"a":"1","a":"2"}""", "--", "true"], Usage, "-a/--annotations");
        yield return new("submit -a not an object", ["submit", "-i", "busybox", "-a", "[1]", "--", "true"], Usage, "-a/--annotations");
        yield return new("submit -a broken JSON", ["submit", "-i", "busybox", "-a", "{\"a\":", "--", "true"], Usage, "-a/--annotations");
        yield return new("submit -r with a duplicate key", ["submit", "-i", "busybox", "-r", """{"name":"x","name":"y","resources":{"requests":{"cpu":"1"}}}""", "--", "true"], Usage, "not valid JSON");
        yield return new("-s settings with a duplicate key", ["list", "-s", "{folder}/dup.json"], Usage, "a key appears twice") { Prepare = f => File.WriteAllText(Path.Combine(f, "dup.json"), """{ "job": {}, "job": {} }""") };
        yield return new("-s settings broken JSON", ["list", "-s", "{folder}/broken.json"], Usage, "line 2") { Prepare = f => File.WriteAllText(Path.Combine(f, "broken.json"), "{\n  \"job\": [ }") };
        yield return new("-s settings not an object", ["list", "-s", "{folder}/array.json"], Usage, "JSON object") { Prepare = f => File.WriteAllText(Path.Combine(f, "array.json"), "[]") };
        yield return new("-s settings missing", ["list", "-s", "{folder}/nope.json"], Usage, "does not exist");

        // 17. Arrays, sweeps, reruns, suspend/resume (issue #17): names and values checked before any request.
        foreach (var name in new[] { ".", "..", "a/b", "abc\n", "a%b" })
        {
            yield return new($"rerun -j {Show(name)}", ["rerun", "-j", name], Usage, "job name");
            yield return new($"rerun --name {Show(name)}", ["rerun", "-j", "keep", "--name", name], Usage, "job name");
            yield return new($"suspend -j {Show(name)}", ["suspend", "-j", name], Usage, "job name");
            yield return new($"resume -j {Show(name)}", ["resume", "-j", name], Usage, "job name");
        }

        foreach (var (spec, why) in new[] { ("", "no task ids"), ("-1", "whole numbers"), ("5-1", "ends before"), ("0-9%0", "'%0'"), ("0-10:0", "step"), ("0-99999999", "0 to 9999999"), ("0-100000", "more than 100000"), ("1;rm -rf /", "whole numbers"), ("0-3\u001b[2J", "whole numbers"), ("\u0661-\u0662", "whole numbers") })
        {
            yield return new($"submit --array {Show(spec)}", ["submit", "-i", "busybox", "--array", spec, "--", "true"], Usage, why);
        }

        yield return new("submit --max-failed without an array", ["submit", "-i", "busybox", "--max-failed", "1", "--", "true"], Usage, "--max-failed is for job arrays");
        yield return new("submit --max-failed as many as tasks", ["submit", "-i", "busybox", "--array", "0-3", "--max-failed", "4", "--", "true"], Usage, "less than the number of tasks");
        yield return new("submit --max-failed -1", ["submit", "-i", "busybox", "--array", "0-3", "--max-failed", "-1", "--", "true"], Usage, "--max-failed");
        yield return new("submit sparse array without a command", ["submit", "-i", "busybox", "--array", "1,3"], Usage, "needs the command after '--'");
        yield return new("submit --sweep missing file", ["submit", "-i", "busybox", "--sweep", "{folder}/none.csv", "--", "true"], Usage, "cannot be read");
        yield return new("submit --sweep column $(id)", ["submit", "-i", "busybox", "--sweep", "{folder}/bad.csv", "--", "true"], Usage, "not an environment variable name") { Prepare = f => File.WriteAllText(Path.Combine(f, "bad.csv"), "$(id)\n1\n") };
        yield return new("submit --sweep column JOBMAN_ARRAY_TASK_ID", ["submit", "-i", "busybox", "--sweep", "{folder}/own.csv", "--", "true"], Usage, "jobman or Kubernetes sets") { Prepare = f => File.WriteAllText(Path.Combine(f, "own.csv"), "JOBMAN_ARRAY_TASK_ID\n1\n") };
        yield return new("submit --sweep ragged CSV", ["submit", "-i", "busybox", "--sweep", "{folder}/ragged.csv", "--", "true"], Usage, "not valid CSV") { Prepare = f => File.WriteAllText(Path.Combine(f, "ragged.csv"), "a,b\n1\n") };
        yield return new("submit --sweep YAML map", ["submit", "-i", "busybox", "--sweep", "{folder}/map.yaml", "--", "true"], Usage, "list of maps") { Prepare = f => File.WriteAllText(Path.Combine(f, "map.yaml"), "a: 1\n") };
        yield return new("submit --sweep rows beyond the file", ["submit", "-i", "busybox", "--sweep", "{folder}/two.csv", "--array", "0-5", "--", "true"], Usage, "has no row") { Prepare = f => File.WriteAllText(Path.Combine(f, "two.csv"), "a\n1\n2\n") };
        yield return new("logs --index -1", ["logs", "-j", "keep", "--index", "-1"], Usage, "--index");
        yield return new("logs --index x", ["logs", "-j", "keep", "--index", "x"], Usage, "--index");
        yield return new("logs --index on a job that is no array", ["logs", "-j", "keep", "--index", "0"], Usage, "--index is for job arrays") { MayAskCluster = true };
        yield return new("suspend without -j or --all", ["suspend"], Usage, "say which job");
        yield return new("resume -j and --all", ["resume", "-j", "keep", "--all"], Usage, "not both");
        yield return new("rerun -j missing", ["rerun", "-j", "missing"], Failed, "job 'missing' not found in namespace 'team-a'") { MayAskCluster = true };
        yield return new("rerun --failed-indexes of a job that is no array", ["rerun", "-j", "done", "--failed-indexes"], Usage, "--failed-indexes is for job arrays") { MayAskCluster = true };
        yield return new("rerun of a job that has not ended", ["rerun", "-j", "keep"], Failed, "has not ended") { MayAskCluster = true };
        yield return new("rerun -r with a broken flavor", ["rerun", "-j", "keep", "-r", "{\"name\":"], Usage, "not valid JSON");
        yield return new("rerun --retries -1", ["rerun", "-j", "keep", "--retries", "-1"], Usage, "--retries");
        yield return new("rerun -e without value", ["rerun", "-j", "keep", "-e", "A"], Usage, "-e/--env");
        yield return new("rerun --label kubernetes key", ["rerun", "-j", "keep", "--label", "batch.kubernetes.io/job-name=x"], Usage, "set by jobman or Kubernetes");
        yield return new("suspend -j missing", ["suspend", "-j", "missing"], Failed, "job 'missing' not found in namespace 'team-a'") { MayAskCluster = true };

        // 13. Quantities: the Kubernetes grammar, never negative.
        foreach (var (quantity, why) in new[] { ("-1", "negative"), ("-0.5", "negative"), ("abc", "quantity"), ("1..2", "quantity"), ("1Gb", "quantity"), ("", "empty"), ("1e", "quantity"), ("0x10", "quantity") })
        {
            yield return new($"submit -r cpu {Show(quantity)}", ["submit", "-i", "busybox", "-r", "{\"name\":\"x\",\"resources\":{\"requests\":{\"cpu\":\"" + quantity + "\"}}}", "--", "true"], Usage, why);
        }

        yield return new("submit -r limits memory -4Gi", ["submit", "-i", "busybox", "-r", """{"name":"x","resources":{"limits":{"memory":"-4Gi"}}}""", "--", "true"], Usage, "negative");
        yield return new("settings flavor with cpu -1", ["submit", "-i", "busybox", "-r", "bad", "--", "true"], Usage, "negative")
        {
            Settings = """{ "job": { "resources": { "predefined": [ { "name": "bad", "resources": { "requests": { "cpu": "-1" } } } ] } } }""",
        };

        // 12. Input files: never a device, a pipe or something huge.
        yield return new("-s /dev/zero", ["list", "-s", "/dev/zero"], Usage, "not a regular file");
        yield return new("-s /dev/null", ["list", "-s", "/dev/null"], Usage, "not a regular file");
        yield return new("-s a folder", ["list", "-s", "{folder}"], Usage, "settings file");
        yield return new("-s a 5 MiB file", ["list", "-s", "{folder}/big.json"], Usage, "larger than 4 MiB") { Prepare = f => File.WriteAllText(Path.Combine(f, "big.json"), "{\"a\":\"" + new string('x', 5 * 1024 * 1024) + "\"}") };
        yield return new("--kubeconfig /dev/zero", ["list", "--kubeconfig", "/dev/zero"], Usage, "not a regular file");
        yield return new("--kubeconfig a 5 MiB file", ["list", "--kubeconfig", "{folder}/big-kubeconfig"], Usage, "larger than 4 MiB") { Prepare = f => File.WriteAllText(Path.Combine(f, "big-kubeconfig"), "# " + new string('x', 5 * 1024 * 1024)) };
        yield return new("--kubeconfig empty", ["list", "--kubeconfig", "{folder}/empty"], Usage, "kubeconfig") { Prepare = f => File.WriteAllText(Path.Combine(f, "empty"), string.Empty) };
        yield return new("--kubeconfig garbage", ["list", "--kubeconfig", "{folder}/garbage"], Usage, "kubeconfig") { Prepare = f => File.WriteAllBytes(Path.Combine(f, "garbage"), [0x7f, 0x45, 0x4c, 0x46, 0x00, 0xff, 0xfe, 0x0a, 0x3a, 0x3a]) };
        yield return new("--kubeconfig broken YAML", ["list", "--kubeconfig", "{folder}/broken"], Usage, "line") { Prepare = f => File.WriteAllText(Path.Combine(f, "broken"), "apiVersion: v1\nclusters:\n- name: x\n  cluster: {server: [\n") };
        yield return new("--kubeconfig missing", ["list", "--kubeconfig", "{folder}/nope"], Usage, "does not exist");
        yield return new("-r /dev/zero", ["submit", "-i", "busybox", "-r", "/dev/zero", "--", "true"], Usage, "not a regular file");
        yield return new("-r a 5 MiB file", ["submit", "-i", "busybox", "-r", "{folder}/big-flavor.json", "--", "true"], Usage, "larger than 4 MiB") { Prepare = f => File.WriteAllText(Path.Combine(f, "big-flavor.json"), "{\"name\":\"" + new string('x', 5 * 1024 * 1024) + "\"}") };

        // 8. The earlier usage errors: one line on stderr, the hint included, nothing on stdout.
        yield return new("list -o without a value", ["list", "-o"], Usage, "needs a value");
        yield return new("list -o xml", ["list", "-o", "xml"], Usage, "cannot print 'xml'");
        yield return new("unknown option", ["list", "--colour"], Usage, "unknown option");
        yield return new("unknown command", ["lst"], Usage, "unknown command");
        yield return new("delete with -j and --all", ["delete", "-j", "keep", "--all"], Usage, "not both");
        yield return new("delete without a target", ["delete"], Usage, "-j/--job-name NAME, or --all");
        yield return new("details without -j", ["details"], Usage, "needs");
        yield return new("submit -e without =", ["submit", "-i", "busybox", "-e", "FOO", "--", "true"], Usage, "-e/--env");
        yield return new("list --context unknown", ["list", "--context", "nope"], Usage, "context 'nope'");

        // Operations that fail at the cluster (exit 1): one line, nothing changed.
        foreach (var command in new[] { "details", "logs", "wait" })
        {
            yield return new($"{command} -j missing", [command, "-j", "missing"], Failed, "job 'missing' not found in namespace 'team-a'") { MayAskCluster = true };
        }

        yield return new("delete -j missing", ["delete", "-j", "missing", "--yes"], Failed, "job 'missing' not found in namespace 'team-a'") { MayAskCluster = true };
        yield return new("list -n forbidden", ["list", "-n", "team-b"], Failed, "403 Forbidden") { MayAskCluster = true };
        yield return new("details -n forbidden", ["details", "-j", "keep", "-n", "team-b"], Failed, "403 Forbidden") { MayAskCluster = true };
        yield return new("delete --all -n forbidden", ["delete", "--all", "--yes", "-n", "team-b"], Failed, "403 Forbidden") { MayAskCluster = true };
        yield return new("queue without its ConfigMap", ["queue"], Failed, "does not exist") { MayAskCluster = true, Settings = """{ "jobsQueue": { "namespace": "team-a", "configmap": "jobs-queue" } }""" };
    }

    private static string Show(string text) => text.Length == 0 ? "(empty)" : Jobman.Core.Text.TerminalText.Escape(text);
}
