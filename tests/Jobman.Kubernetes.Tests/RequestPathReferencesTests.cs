using System.Reflection;

namespace Jobman.Kubernetes.Tests;

/// <summary>
/// Every list and read goes through <see cref="ApiGetRequest.SendAsync"/>. Naming a type of KubernetesClient there
/// (12 MB) loads that assembly before the first request of every command, though list and details never use the
/// generated client (bench/RESULTS.md, issue 14): the code that runs on a successful answer must not name one.
/// </summary>
public class RequestPathReferencesTests
{
    private const string KubernetesClient = "KubernetesClient";

    [Test]
    public void The_request_every_read_goes_through_names_nothing_of_KubernetesClient()
    {
        KubernetesClientReferences(StateMachineOf(nameof(ApiGetRequest.SendAsync))).Should().BeEmpty();
    }

    [Test]
    public void The_check_sees_the_error_answer_naming_the_generated_clients_exception()
    {
        KubernetesClientReferences(StateMachineOf("FailureOfAsync")).Should().Contain(r => r.Contains("HttpOperationException", StringComparison.Ordinal));
    }

    private static Type StateMachineOf(string method) =>
        typeof(ApiGetRequest).GetNestedTypes(BindingFlags.NonPublic).Single(t => t.Name.StartsWith($"<{method}>", StringComparison.Ordinal));

    /// <summary>What the state machine's fields, locals and IL name from KubernetesClient.</summary>
    private static List<string> KubernetesClientReferences(Type stateMachine)
    {
        var found = new List<string>();
        foreach (var field in stateMachine.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (field.FieldType.Assembly.GetName().Name == KubernetesClient)
            {
                found.Add($"field {field.Name}: {field.FieldType}");
            }
        }

        var moveNext = stateMachine.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)!;
        var body = moveNext.GetMethodBody()!;
        found.AddRange(body.LocalVariables.Where(l => l.LocalType.Assembly.GetName().Name == KubernetesClient).Select(l => $"local {l.LocalType}"));
        var il = body.GetILAsByteArray()!;
        for (var i = 0; i + 4 <= il.Length; i++)
        {
            // Every metadata token a call, newobj, ldtoken, castclass or isinst carries, read at each byte offset:
            // a non-token that happens to resolve would have to resolve into KubernetesClient to count.
            var token = BitConverter.ToInt32(il, i);
            if (NameOfMemberIn(moveNext.Module, token, moveNext) is { } name)
            {
                found.Add(name);
            }
        }

        return found;
    }

    private static string? NameOfMemberIn(Module module, int token, MethodInfo context)
    {
        var table = (uint)token >> 24;
        if (table is not (0x01 or 0x02 or 0x04 or 0x06 or 0x0A or 0x1B or 0x2B))
        {
            return null;
        }

        try
        {
            var member = module.ResolveMember(token, context.DeclaringType!.GetGenericArguments(), context.GetGenericArguments());
            var declaring = member as Type ?? member?.DeclaringType;
            return declaring?.Assembly.GetName().Name == KubernetesClient ? $"{declaring}::{member!.Name}" : null;
        }
        catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
        {
            return null;
        }
    }
}
