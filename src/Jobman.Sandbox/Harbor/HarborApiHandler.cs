using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Jobman.Sandbox.Harbor;

/// <summary>
/// Routes one request of the double (under the server's lock). Paths are matched on the raw target: each segment
/// is decoded once like Harbor's router, so a repository name must arrive double-encoded (<c>a%252Fb</c>); a
/// single <c>%2F</c> or a raw <c>/</c> becomes extra segments and a 404 "path ... was not found".
/// </summary>
internal sealed class HarborApiHandler(Dictionary<string, HarborProject> projects, HarborUser? user, HttpRequest request, string target)
{
    private const int MaxPageSize = 100;

    public HarborReply Handle()
    {
        var rawPath = target.Split('?')[0];
        if (!HarborServer.IsApiPath(rawPath))
        {
            return PathNotFound(rawPath);
        }

        var decoded = rawPath["/api/v2.0/".Length..].TrimEnd('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (decoded.Any(s => s.Contains('/', StringComparison.Ordinal) || s.Length == 0))
        {
            return PathNotFound(rawPath);
        }

        if (!HttpMethods.IsGet(request.Method))
        {
            return HarborReply.Error(405, "METHOD_NOT_ALLOWED", "method not allowed");
        }

        return decoded switch
        {
            ["projects"] => ListProjects(rawPath),
            ["projects", var p, "repositories"] => WithProject(p, project => ListRepositories(project, rawPath)),
            ["projects", var p, "repositories", var r] => WithRepository(p, r, repository => new HarborReply(200, RepositoryJson(repository))),
            ["projects", var p, "repositories", var r, "artifacts"] => WithRepository(p, r, repository => ListArtifacts(repository, rawPath)),
            ["projects", var p, "repositories", var r, "artifacts", var reference] =>
                WithArtifact(p, r, reference, (repository, artifact) => new HarborReply(200, ArtifactJson(repository, artifact, Flag("with_tag", true)))),
            ["projects", var p, "repositories", var r, "artifacts", var reference, "tags"] =>
                WithArtifact(p, r, reference, (repository, artifact) => Page(artifact.Tags.Select(t => (JsonNode)TagJson(repository, artifact, t)).ToList(), rawPath)),
            _ => PathNotFound(rawPath),
        };
    }

    private static HarborReply PathNotFound(string rawPath) =>
        HarborReply.Error(404, "NOT_FOUND", $"path {Uri.UnescapeDataString(rawPath)} was not found");

    private HarborReply ListProjects(string rawPath)
    {
        IEnumerable<HarborProject> visible = projects.Values.Where(p => p.IsPublic || user is { IsAdmin: true } || (user?.Projects.Contains(p.Name) ?? false));
        if (request.Query.TryGetValue("name", out var name) && name.ToString().Length > 0)
        {
            visible = visible.Where(p => p.Name.Contains(name.ToString(), StringComparison.Ordinal));
        }

        if (request.Query.TryGetValue("public", out var isPublic) && bool.TryParse(isPublic, out var wantPublic))
        {
            visible = visible.Where(p => p.IsPublic == wantPublic);
        }

        return Page(visible.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (JsonNode)ProjectJson(p)).ToList(), rawPath);
    }

    private HarborReply ListRepositories(HarborProject project, string rawPath)
    {
        IEnumerable<HarborRepository> repositories = project.Repositories;
        var fuzzy = QueryTerm("name");
        if (fuzzy is { } term)
        {
            repositories = repositories.Where(r => term.Fuzzy ? r.FullName.Contains(term.Value, StringComparison.Ordinal) : r.FullName == term.Value);
        }

        repositories = request.Query["sort"].ToString() switch
        {
            "name" => repositories.OrderBy(r => r.FullName, StringComparer.Ordinal),
            "-name" => repositories.OrderByDescending(r => r.FullName, StringComparer.Ordinal),
            "creation_time" => repositories.OrderBy(r => r.CreationTime).ThenBy(r => r.Id),
            // Harbor's default order: newest first.
            _ => repositories.OrderByDescending(r => r.CreationTime).ThenByDescending(r => r.Id),
        };
        return Page(repositories.Select(r => (JsonNode)RepositoryJson(r)).ToList(), rawPath);
    }

    private HarborReply ListArtifacts(HarborRepository repository, string rawPath)
    {
        var withTag = Flag("with_tag", true);
        var artifacts = repository.Artifacts.OrderByDescending(a => a.PushTime).ThenByDescending(a => a.Id);
        return Page(artifacts.Select(a => (JsonNode)ArtifactJson(repository, a, withTag)).ToList(), rawPath);
    }

    /// <summary>Access rules of Harbor's <c>RequireProjectAccess</c>, including the answers for missing projects.</summary>
    private HarborReply WithProject(string name, Func<HarborProject, HarborReply> next)
    {
        projects.TryGetValue(name, out var project);
        var member = user is { IsAdmin: true } || (user?.Projects.Contains(name) ?? false);
        if (project is null)
        {
            return user is null ? Unauthorized() : user.IsAdmin ? HarborReply.Error(404, "NOT_FOUND", $"project {name} not found") : Forbidden();
        }

        if (!project.IsPublic && !member)
        {
            return user is null ? Unauthorized() : Forbidden();
        }

        return next(project);
    }

    private HarborReply WithRepository(string projectName, string routed, Func<HarborRepository, HarborReply> next) =>
        WithProject(projectName, project =>
        {
            // Harbor's repository handlers decode the router-decoded name once more (url.PathUnescape).
            var name = Uri.UnescapeDataString(routed);
            var repository = project.Repositories.FirstOrDefault(r => r.Name == name);
            return repository is null
                ? HarborReply.Error(404, "NOT_FOUND", $"repository {projectName}/{name} not found")
                : next(repository);
        });

    private HarborReply WithArtifact(string projectName, string name, string reference, Func<HarborRepository, HarborArtifact, HarborReply> next) =>
        WithRepository(projectName, name, repository =>
        {
            var isDigest = reference.StartsWith("sha256:", StringComparison.Ordinal);
            var artifact = isDigest
                ? repository.Artifacts.FirstOrDefault(a => a.Digest == reference)
                : repository.Artifacts.FirstOrDefault(a => a.Tags.Any(t => t.Name == reference));
            return artifact is null
                ? HarborReply.Error(404, "NOT_FOUND", isDigest ? $"artifact {repository.FullName}@{reference} not found" : $"artifact {repository.FullName}:{reference} not found")
                : next(repository, artifact);
        });

    /// <summary>One page of a list with Harbor's <c>X-Total-Count</c> and <c>Link</c> headers.</summary>
    private HarborReply Page(List<JsonNode> items, string rawPath)
    {
        if (!TryInt("page", 1, out var page) || !TryInt("page_size", 10, out var pageSize))
        {
            return HarborReply.Error(422, "UNPROCESSABLE_ENTITY", "validation failure list:\npage in query must be of type int64");
        }

        if (pageSize > MaxPageSize)
        {
            return HarborReply.Error(422, "UNPROCESSABLE_ENTITY", $"validation failure list:\npage_size in query should be less than or equal to {MaxPageSize}");
        }

        page = Math.Max(page, 1);
        var total = items.Count;
        var slice = pageSize <= 0 ? items : items.Skip((int)Math.Min(int.MaxValue, (page - 1) * pageSize)).Take((int)pageSize).ToList();
        var reply = new HarborReply(200, new JsonArray(slice.Select(i => i.DeepClone()).ToArray()));
        reply.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (pageSize > 0 && page > 1 && (page - 1) * pageSize < total)
        {
            links.Add($"<{LinkUrl(rawPath, page - 1, pageSize)}>; rel=\"prev\"");
        }

        if (pageSize > 0 && page * pageSize < total)
        {
            links.Add($"<{LinkUrl(rawPath, page + 1, pageSize)}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            reply.Headers["Link"] = string.Join(" , ", links);
        }

        return reply;
    }

    /// <summary>Harbor's <c>BaseAPI.Links</c>: request path, query with page/page_size set, keys sorted (Go's <c>Values.Encode</c>), then unescaped.</summary>
    private string LinkUrl(string rawPath, long page, long pageSize)
    {
        var query = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Select(v => v ?? "").ToList();
        }

        query["page"] = [page.ToString(CultureInfo.InvariantCulture)];
        query["page_size"] = [pageSize.ToString(CultureInfo.InvariantCulture)];
        return rawPath + "?" + string.Join("&", query.SelectMany(kv => kv.Value.Select(v => $"{kv.Key}={v}")));
    }

    private bool TryInt(string name, long fallback, out long value)
    {
        value = fallback;
        var text = request.Query[name].ToString();
        return text.Length == 0 || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private bool Flag(string name, bool fallback) =>
        request.Query.TryGetValue(name, out var v) && bool.TryParse(v, out var b) ? b : fallback;

    /// <summary>One <c>k=v</c> / <c>k=~v</c> term of <c>q</c>.</summary>
    private (string Value, bool Fuzzy)? QueryTerm(string key)
    {
        foreach (var term in request.Query["q"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = term.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && term[..eq] == key)
            {
                var value = term[(eq + 1)..];
                return value.StartsWith('~') ? (value[1..], true) : (value, false);
            }
        }

        return null;
    }

    private static HarborReply Unauthorized() => HarborReply.Error(401, "UNAUTHORIZED", "unauthorized");

    private static HarborReply Forbidden() => HarborReply.Error(403, "FORBIDDEN", "forbidden");

    private JsonObject ProjectJson(HarborProject p)
    {
        var json = new JsonObject
        {
            ["project_id"] = p.Id,
            ["owner_id"] = 1,
            ["name"] = p.Name,
            ["creation_time"] = HarborFakes.Time(p.CreationTime),
            ["update_time"] = HarborFakes.Time(p.CreationTime),
            ["owner_name"] = "admin",
            ["togglable"] = true,
            ["repo_count"] = p.Repositories.Count,
            ["metadata"] = new JsonObject { ["public"] = p.IsPublic ? "true" : "false" },
        };
        if (user is not null && (user.IsAdmin || user.Projects.Contains(p.Name)))
        {
            json["current_user_role_id"] = 1;
            json["current_user_role_ids"] = new JsonArray(1);
        }

        return json;
    }

    private static JsonObject RepositoryJson(HarborRepository r)
    {
        var json = new JsonObject
        {
            ["artifact_count"] = r.Artifacts.Count,
            ["creation_time"] = HarborFakes.Time(r.CreationTime),
        };
        if (r.EscapedDescription is not null)
        {
            json["description"] = r.EscapedDescription;
        }

        json["id"] = r.Id;
        json["name"] = r.FullName;
        json["project_id"] = r.Project.Id;
        json["pull_count"] = r.PullCount;
        json["update_time"] = HarborFakes.Time(r.UpdateTime);
        return json;
    }

    private static JsonObject ArtifactJson(HarborRepository r, HarborArtifact a, bool withTag)
    {
        var encoded = Uri.EscapeDataString(Uri.EscapeDataString(r.Name));
        string Link(string addition) => $"/api/v2.0/projects/{r.Project.Name}/repositories/{encoded}/artifacts/{a.Digest}/additions/{addition}";
        var json = new JsonObject
        {
            ["addition_links"] = new JsonObject
            {
                ["build_history"] = new JsonObject { ["absolute"] = false, ["href"] = Link("build_history") },
                ["vulnerabilities"] = new JsonObject { ["absolute"] = false, ["href"] = Link("vulnerabilities") },
            },
            ["digest"] = a.Digest,
            ["extra_attrs"] = new JsonObject { ["architecture"] = "amd64", ["author"] = "", ["config"] = new JsonObject(), ["created"] = HarborFakes.Time(a.PushTime.AddMinutes(-5)), ["os"] = "linux" },
            ["icon"] = "sha256:0048162a053eef4d4ce3fe7518615bef084403614f8bca43b40ae2e762e11e06",
            ["id"] = a.Id,
            ["manifest_media_type"] = "application/vnd.oci.image.manifest.v1+json",
            ["media_type"] = "application/vnd.oci.image.config.v1+json",
            ["project_id"] = r.Project.Id,
            ["pull_time"] = "0001-01-01T00:00:00.000Z",
            ["push_time"] = HarborFakes.Time(a.PushTime),
            ["repository_id"] = r.Id,
            ["repository_name"] = r.FullName,
            ["size"] = a.Size,
        };
        if (withTag && a.Tags.Count > 0)
        {
            json["tags"] = new JsonArray(a.Tags.Select(t => (JsonNode)TagJson(r, a, t)).ToArray());
        }

        json["type"] = "IMAGE";
        return json;
    }

    private static JsonObject TagJson(HarborRepository r, HarborArtifact a, HarborTag t) => new()
    {
        ["artifact_id"] = a.Id,
        ["id"] = t.Id,
        ["immutable"] = false,
        ["name"] = t.Name,
        ["pull_time"] = "0001-01-01T00:00:00.000Z",
        ["push_time"] = HarborFakes.Time(t.PushTime),
        ["repository_id"] = r.Id,
    };
}
