using System.Text.Json;

namespace Jobman.Plugins.KubernetesJobs.Cluster.Slim;

/// <summary>
/// Reads job and pod JSON into the slim models, skipping every field they do not have.
/// </summary>
/// <remarks>
/// Written out by hand rather than through System.Text.Json's generated metadata: building that metadata (a property
/// description and a typed accessor per field, JIT-compiled for every value type) cost ~20 ms of every
/// <c>jobman list</c> before the first item was read, and decoding through it was the larger part of listing 1,000
/// jobs (bench/RESULTS.md, "Issue 14 item 4, fourth pass"). This reader is plain code the tool ships precompiled.
/// It keeps the serializer's rules: property names match exactly, unknown properties and <c>null</c>s of optional
/// fields are skipped over, the last of duplicate properties wins, and a value of the wrong JSON type is a
/// <see cref="JsonException"/>.
/// </remarks>
internal static class SlimReader
{
    private delegate T ValueReader<out T>(ref Utf8JsonReader reader);

    /// <summary>A page of a jobs list; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">Malformed JSON or a field of the wrong type.</exception>
    public static SlimList<SlimJob>? JobList(ReadOnlySpan<byte> utf8) => Document(utf8, static (ref Utf8JsonReader r) => ReadList(ref r, static (ref Utf8JsonReader item) => Job(ref item)!));

    /// <summary>A page of a pods list; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">Malformed JSON or a field of the wrong type.</exception>
    public static SlimList<SlimPod>? PodList(ReadOnlySpan<byte> utf8) => Document(utf8, static (ref Utf8JsonReader r) => ReadList(ref r, static (ref Utf8JsonReader item) => Pod(ref item)!));

    /// <summary>One job; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">Malformed JSON or a field of the wrong type.</exception>
    public static SlimJob? Job(ReadOnlySpan<byte> utf8) => Document(utf8, Job);

    /// <summary>One pod; null for a JSON <c>null</c>.</summary>
    /// <exception cref="JsonException">Malformed JSON or a field of the wrong type.</exception>
    public static SlimPod? Pod(ReadOnlySpan<byte> utf8) => Document(utf8, Pod);

    private static T Document<T>(ReadOnlySpan<byte> utf8, ValueReader<T> read)
    {
        // A byte order mark is not JSON, but the streaming serializer this replaced skipped one.
        var reader = new Utf8JsonReader(utf8.StartsWith("\uFEFF"u8) ? utf8[3..] : utf8);
        if (!reader.Read())
        {
            throw new JsonException("the API server sent an empty answer where JSON was expected");
        }

        var value = read(ref reader);
        // Anything but white space after the value makes the reader throw.
        reader.Read();
        return value;
    }

    private static SlimList<T>? ReadList<T>(ref Utf8JsonReader reader, ValueReader<T> item)
        where T : class
    {
        if (!StartObject(ref reader))
        {
            return null;
        }

        var list = new SlimList<T>();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "metadata"u8))
            {
                list.Metadata = ReadObject(ref reader, ListMeta);
            }
            else if (Is(ref reader, "items"u8))
            {
                list.Items = ReadArray(ref reader, item);
            }
            else
            {
                reader.Skip();
            }
        }

        return list;
    }

    private static SlimListMeta ListMeta(ref Utf8JsonReader reader)
    {
        var meta = new SlimListMeta();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "continue"u8))
            {
                meta.Continue = ReadString(ref reader);
            }
            else if (Is(ref reader, "resourceVersion"u8))
            {
                meta.ResourceVersion = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return meta;
    }

    private static SlimJob? Job(ref Utf8JsonReader reader) => ReadObject(ref reader, static (ref Utf8JsonReader r) =>
    {
        var job = new SlimJob();
        while (NextProperty(ref r))
        {
            if (Is(ref r, "metadata"u8))
            {
                job.Metadata = ReadObject(ref r, ObjectMeta);
            }
            else if (Is(ref r, "spec"u8))
            {
                job.Spec = ReadObject(ref r, JobSpec);
            }
            else if (Is(ref r, "status"u8))
            {
                job.Status = ReadObject(ref r, JobStatus);
            }
            else
            {
                r.Skip();
            }
        }

        return job;
    });

    private static SlimPod? Pod(ref Utf8JsonReader reader) => ReadObject(ref reader, static (ref Utf8JsonReader r) =>
    {
        var pod = new SlimPod();
        while (NextProperty(ref r))
        {
            if (Is(ref r, "metadata"u8))
            {
                pod.Metadata = ReadObject(ref r, ObjectMeta);
            }
            else if (Is(ref r, "spec"u8))
            {
                pod.Spec = ReadObject(ref r, PodSpec);
            }
            else if (Is(ref r, "status"u8))
            {
                pod.Status = ReadObject(ref r, PodStatus);
            }
            else
            {
                r.Skip();
            }
        }

        return pod;
    });

    private static SlimObjectMeta ObjectMeta(ref Utf8JsonReader reader)
    {
        var meta = new SlimObjectMeta();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "name"u8))
            {
                meta.Name = ReadString(ref reader);
            }
            else if (Is(ref reader, "namespace"u8))
            {
                meta.Namespace = ReadString(ref reader);
            }
            else if (Is(ref reader, "uid"u8))
            {
                meta.Uid = ReadString(ref reader);
            }
            else if (Is(ref reader, "resourceVersion"u8))
            {
                meta.ResourceVersion = ReadString(ref reader);
            }
            else if (Is(ref reader, "creationTimestamp"u8))
            {
                meta.CreationTimestamp = ReadTime(ref reader);
            }
            else if (Is(ref reader, "deletionTimestamp"u8))
            {
                meta.DeletionTimestamp = ReadTime(ref reader);
            }
            else if (Is(ref reader, "labels"u8))
            {
                meta.Labels = ReadStringMap(ref reader);
            }
            else if (Is(ref reader, "annotations"u8))
            {
                meta.Annotations = ReadStringMap(ref reader);
            }
            else if (Is(ref reader, "ownerReferences"u8))
            {
                meta.OwnerReferences = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadObject(ref r, OwnerReference)!);
            }
            else
            {
                reader.Skip();
            }
        }

        return meta;
    }

    private static SlimOwnerReference OwnerReference(ref Utf8JsonReader reader)
    {
        var owner = new SlimOwnerReference();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "uid"u8))
            {
                owner.Uid = ReadString(ref reader);
            }
            else if (Is(ref reader, "controller"u8))
            {
                owner.Controller = ReadBool(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return owner;
    }

    private static SlimJobSpec JobSpec(ref Utf8JsonReader reader)
    {
        var spec = new SlimJobSpec();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "suspend"u8))
            {
                spec.Suspend = ReadBool(ref reader);
            }
            else if (Is(ref reader, "backoffLimit"u8))
            {
                spec.BackoffLimit = ReadInt(ref reader);
            }
            else if (Is(ref reader, "completionMode"u8))
            {
                spec.CompletionMode = ReadString(ref reader);
            }
            else if (Is(ref reader, "completions"u8))
            {
                spec.Completions = ReadInt(ref reader);
            }
            else if (Is(ref reader, "parallelism"u8))
            {
                spec.Parallelism = ReadInt(ref reader);
            }
            else if (Is(ref reader, "backoffLimitPerIndex"u8))
            {
                spec.BackoffLimitPerIndex = ReadInt(ref reader);
            }
            else if (Is(ref reader, "maxFailedIndexes"u8))
            {
                spec.MaxFailedIndexes = ReadInt(ref reader);
            }
            else if (Is(ref reader, "template"u8))
            {
                spec.Template = ReadObject(ref reader, PodTemplate);
            }
            else
            {
                reader.Skip();
            }
        }

        return spec;
    }

    private static SlimPodTemplate PodTemplate(ref Utf8JsonReader reader)
    {
        var template = new SlimPodTemplate();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "spec"u8))
            {
                template.Spec = ReadObject(ref reader, PodSpec);
            }
            else
            {
                reader.Skip();
            }
        }

        return template;
    }

    private static SlimJobStatus JobStatus(ref Utf8JsonReader reader)
    {
        var status = new SlimJobStatus();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "conditions"u8))
            {
                status.Conditions = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadObject(ref r, Condition)!);
            }
            else if (Is(ref reader, "active"u8))
            {
                status.Active = ReadInt(ref reader);
            }
            else if (Is(ref reader, "ready"u8))
            {
                status.Ready = ReadInt(ref reader);
            }
            else if (Is(ref reader, "succeeded"u8))
            {
                status.Succeeded = ReadInt(ref reader);
            }
            else if (Is(ref reader, "failed"u8))
            {
                status.Failed = ReadInt(ref reader);
            }
            else if (Is(ref reader, "completedIndexes"u8))
            {
                status.CompletedIndexes = ReadString(ref reader);
            }
            else if (Is(ref reader, "failedIndexes"u8))
            {
                status.FailedIndexes = ReadString(ref reader);
            }
            else if (Is(ref reader, "startTime"u8))
            {
                status.StartTime = ReadTime(ref reader);
            }
            else if (Is(ref reader, "completionTime"u8))
            {
                status.CompletionTime = ReadTime(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return status;
    }

    private static SlimCondition Condition(ref Utf8JsonReader reader)
    {
        var condition = new SlimCondition();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "type"u8))
            {
                condition.Type = ReadString(ref reader);
            }
            else if (Is(ref reader, "status"u8))
            {
                condition.Status = ReadString(ref reader);
            }
            else if (Is(ref reader, "reason"u8))
            {
                condition.Reason = ReadString(ref reader);
            }
            else if (Is(ref reader, "message"u8))
            {
                condition.Message = ReadString(ref reader);
            }
            else if (Is(ref reader, "lastTransitionTime"u8))
            {
                condition.LastTransitionTime = ReadTime(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return condition;
    }

    private static SlimPodSpec PodSpec(ref Utf8JsonReader reader)
    {
        var spec = new SlimPodSpec();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "nodeName"u8))
            {
                spec.NodeName = ReadString(ref reader);
            }
            else if (Is(ref reader, "containers"u8))
            {
                spec.Containers = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadObject(ref r, Container)!);
            }
            else
            {
                reader.Skip();
            }
        }

        return spec;
    }

    private static SlimContainer Container(ref Utf8JsonReader reader)
    {
        var container = new SlimContainer();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "name"u8))
            {
                container.Name = ReadString(ref reader);
            }
            else if (Is(ref reader, "image"u8))
            {
                container.Image = ReadString(ref reader);
            }
            else if (Is(ref reader, "command"u8))
            {
                container.Command = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadString(ref r)!);
            }
            else if (Is(ref reader, "args"u8))
            {
                container.Args = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadString(ref r)!);
            }
            else if (Is(ref reader, "resources"u8))
            {
                container.Resources = ReadObject(ref reader, Resources);
            }
            else
            {
                reader.Skip();
            }
        }

        return container;
    }

    private static SlimResources Resources(ref Utf8JsonReader reader)
    {
        var resources = new SlimResources();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "requests"u8))
            {
                resources.Requests = ReadStringMap(ref reader);
            }
            else if (Is(ref reader, "limits"u8))
            {
                resources.Limits = ReadStringMap(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return resources;
    }

    private static SlimPodStatus PodStatus(ref Utf8JsonReader reader)
    {
        var status = new SlimPodStatus();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "phase"u8))
            {
                status.Phase = ReadString(ref reader);
            }
            else if (Is(ref reader, "reason"u8))
            {
                status.Reason = ReadString(ref reader);
            }
            else if (Is(ref reader, "conditions"u8))
            {
                status.Conditions = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadObject(ref r, Condition)!);
            }
            else if (Is(ref reader, "containerStatuses"u8))
            {
                status.ContainerStatuses = ReadArray(ref reader, static (ref Utf8JsonReader r) => ReadObject(ref r, ContainerStatus)!);
            }
            else
            {
                reader.Skip();
            }
        }

        return status;
    }

    private static SlimContainerStatus ContainerStatus(ref Utf8JsonReader reader)
    {
        var status = new SlimContainerStatus();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "name"u8))
            {
                status.Name = ReadString(ref reader);
            }
            else if (Is(ref reader, "imageID"u8))
            {
                status.ImageID = ReadString(ref reader);
            }
            else if (Is(ref reader, "state"u8))
            {
                status.State = ReadObject(ref reader, ContainerState);
            }
            else if (Is(ref reader, "lastState"u8))
            {
                status.LastState = ReadObject(ref reader, ContainerState);
            }
            else
            {
                reader.Skip();
            }
        }

        return status;
    }

    private static SlimContainerState ContainerState(ref Utf8JsonReader reader)
    {
        var state = new SlimContainerState();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "waiting"u8))
            {
                state.Waiting = ReadObject(ref reader, Waiting);
            }
            else if (Is(ref reader, "running"u8))
            {
                state.Running = ReadObject(ref reader, Running);
            }
            else if (Is(ref reader, "terminated"u8))
            {
                state.Terminated = ReadObject(ref reader, Terminated);
            }
            else
            {
                reader.Skip();
            }
        }

        return state;
    }

    private static SlimWaiting Waiting(ref Utf8JsonReader reader)
    {
        var waiting = new SlimWaiting();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "reason"u8))
            {
                waiting.Reason = ReadString(ref reader);
            }
            else if (Is(ref reader, "message"u8))
            {
                waiting.Message = ReadString(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return waiting;
    }

    private static SlimRunning Running(ref Utf8JsonReader reader)
    {
        var running = new SlimRunning();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "startedAt"u8))
            {
                running.StartedAt = ReadTime(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return running;
    }

    private static SlimTerminated Terminated(ref Utf8JsonReader reader)
    {
        var terminated = new SlimTerminated();
        while (NextProperty(ref reader))
        {
            if (Is(ref reader, "reason"u8))
            {
                terminated.Reason = ReadString(ref reader);
            }
            else if (Is(ref reader, "exitCode"u8))
            {
                // Not optional in the model (as in the API): a null is an error, as the serializer made it.
                terminated.ExitCode = ReadInt(ref reader) ?? throw Unexpected(ref reader, "a number");
            }
            else
            {
                reader.Skip();
            }
        }

        return terminated;
    }

    /// <summary>An object read by <paramref name="read"/> (positioned inside it), or null for a JSON <c>null</c>.</summary>
    private static T? ReadObject<T>(ref Utf8JsonReader reader, ValueReader<T> read)
        where T : class =>
        StartObject(ref reader) ? read(ref reader) : null;

    /// <summary>True on an object's start, false on <c>null</c>; anything else is an error.</summary>
    private static bool StartObject(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.StartObject => true,
        JsonTokenType.Null => false,
        _ => throw Unexpected(ref reader, "an object"),
    };

    /// <summary>Moves to the next property's name (true) or to the end of the object (false).</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>True when the property is <paramref name="name"/>; the reader is then on its value.</summary>
    private static bool Is(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        if (!reader.ValueTextEquals(name))
        {
            return false;
        }

        reader.Read();
        return true;
    }

    private static List<T>? ReadArray<T>(ref Utf8JsonReader reader, ValueReader<T> item)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(item(ref reader));
        }

        return items;
    }

    private static Dictionary<string, string>? ReadStringMap(ref Utf8JsonReader reader)
    {
        if (!StartObject(ref reader))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader))
        {
            var key = Text(ref reader);
            reader.Read();
            // A null value is kept as null, as the serializer kept it.
            map[key] = ReadString(ref reader)!;
        }

        return map;
    }

    private static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Text(ref reader),
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "a string"),
    };

    private static int? ReadInt(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Number when reader.TryGetInt32(out var value) => value,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "a whole number"),
    };

    private static bool? ReadBool(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    private static DateTime? ReadTime(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String when reader.TryGetDateTime(out var value) => value,
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "a time"),
    };

    /// <summary>The string or property name the reader is on; text that is not UTF-8 is malformed JSON.</summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new JsonException($"the API server sent text that is not UTF-8 (byte {reader.TokenStartIndex})", ex);
        }
    }

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"the API server sent {reader.TokenType} where {expected} was expected (byte {reader.TokenStartIndex})");
}
