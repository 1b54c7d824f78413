namespace Jobman.Sandbox.Kubernetes.Kueue;

/// <summary>Quantities per (flavor, resource): a ClusterQueue's quota or what its admitted workloads use.</summary>
internal sealed class FlavorUsage
{
    private readonly Dictionary<(string Flavor, string Resource), decimal> _values = [];

    public decimal this[string flavor, string resource]
    {
        get => _values.GetValueOrDefault((flavor, resource));
        set => _values[(flavor, resource)] = value;
    }

    public bool Contains(string flavor, string resource) => _values.ContainsKey((flavor, resource));

    public void Add(string flavor, string resource, decimal value) => this[flavor, resource] += value;

    public FlavorUsage Copy()
    {
        var copy = new FlavorUsage();
        foreach (var (key, value) in _values)
        {
            copy._values[key] = value;
        }

        return copy;
    }
}
