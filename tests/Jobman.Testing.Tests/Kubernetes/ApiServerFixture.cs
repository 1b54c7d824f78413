using Jobman.Sandbox.Kubernetes;

namespace Jobman.Testing.Tests.Kubernetes;

/// <summary>
/// Base of fixtures that talk raw HTTP to one API double as one namespace user. The double is shared by the
/// fixture's tests and must have logged no background error by the end.
/// </summary>
/// <param name="userName">The user the requests are sent as.</param>
/// <param name="namespace">The namespace that user may edit.</param>
/// <param name="options">Options of the double (null: defaults).</param>
public abstract class ApiServerFixture(string userName, string @namespace, KubernetesApiServerOptions? options = null)
{
    protected KubernetesApiServer Server { get; private set; } = null!;

    protected ApiClient Api { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        Server = await KubernetesApiServer.StartAsync(options);
        Api = new ApiClient(Server, Server.AddUser(userName, @namespace));
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Api.Dispose();
        var errors = Server.BackgroundErrors;
        await Server.DisposeAsync();
        errors.Should().BeEmpty();
    }
}
