using Jobman.Core;
using Jobman.Plugins.KubernetesJobs.Arrays;

namespace Jobman.Plugins.KubernetesJobs.Tests.Arrays;

public class SweepTableTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("jobman-sweep-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Csv_rows_keep_quoting_commas_newlines_and_text_as_written()
    {
        var table = SweepTable.Load(Write("grid.csv", "lr,name,note\n0.10,\"a,b\",\"two\nlines\"\n1e-3,x,\n"));
        table.FileName.Should().Be("grid.csv");
        table.Rows.Should().HaveCount(2);
        table.Rows[0].Should().Equal(KeyValuePair.Create("lr", "0.10"), KeyValuePair.Create("name", "a,b"), KeyValuePair.Create("note", "two\nlines"));
        table.Rows[1].Should().Equal(KeyValuePair.Create("lr", "1e-3"), KeyValuePair.Create("name", "x"), KeyValuePair.Create("note", string.Empty));
    }

    [Test]
    public void Yaml_rows_keep_scalars_as_written_not_as_yaml_types()
    {
        var table = SweepTable.Load(Write("grid.yaml", "- {lr: 0.10, flag: yes}\n- lr: '1e-3'\n  flag: no\n  extra: ~\n"));
        table.Rows[0].Should().Equal(KeyValuePair.Create("lr", "0.10"), KeyValuePair.Create("flag", "yes"));
        table.Rows[1].Should().Equal(KeyValuePair.Create("lr", "1e-3"), KeyValuePair.Create("flag", "no"), KeyValuePair.Create("extra", "~"));
    }

    [Test]
    public void Json_lists_of_objects_are_read_as_yaml() =>
        SweepTable.Load(Write("grid.json", "[{\"a\": \"1\"}, {\"a\": \"2\"}]")).Rows.Select(r => r[0].Value).Should().Equal("1", "2");

    [TestCase("g.csv", "", "no header row")]
    [TestCase("g.csv", "a,b\n1\n", "not valid CSV")]
    [TestCase("g.csv", "a,a\n1,2\n", "names a column twice")]
    [TestCase("g.csv", "1a\n1\n", "not an environment variable name")]
    [TestCase("g.csv", "a-b\n1\n", "not an environment variable name")]
    [TestCase("g.csv", "JOBMAN_X\n1\n", "jobman or Kubernetes sets")]
    [TestCase("g.csv", "JOB_COMPLETION_INDEX\n1\n", "jobman or Kubernetes sets")]
    [TestCase("g.csv", "a\n", "no rows")]
    [TestCase("g.yaml", "a: 1\n", "one YAML list of maps")]
    [TestCase("g.yaml", "- [1, 2]\n", "is not a map")]
    [TestCase("g.yaml", "- {a: [1]}\n", "single value")]
    [TestCase("g.yaml", "- {a: 1\n", "not valid YAML")]
    [TestCase("g.yaml", "- {\"$(id)\": 1}\n", "not an environment variable name")]
    [TestCase("g.txt", "a\n1\n", "use a .csv file")]
    public void Bad_files_are_usage_errors_naming_the_file(string name, string content, string problem)
    {
        var error = FluentActions.Invoking(() => SweepTable.Load(Write(name, content))).Should().Throw<JobmanException>().Which;
        error.ExitCode.Should().Be(ExitCodes.Usage);
        error.Message.Should().Contain(problem).And.Contain(name);
    }

    [Test]
    public void A_missing_file_is_a_usage_error() =>
        FluentActions.Invoking(() => SweepTable.Load(Path.Combine(_dir, "none.csv"))).Should().Throw<JobmanException>()
            .Which.Message.Should().Contain("cannot be read");

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
