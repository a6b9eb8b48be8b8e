using System.Text.Json;
using System.Text.RegularExpressions;
using DhrPortal.Diagnostics;
using DhrPortal.Schemas;
using DhrPortal.Site;
using Tomlyn;
using Tomlyn.Model;
using YamlDotNet.RepresentationModel;

namespace DhrPortal.Tests.Deploy;

/// <summary>
/// The files that run the project outside the code: the pull request workflow, Netlify's
/// configuration and the editor settings. They are parsed as their tools parse them.
/// </summary>
public sealed class DeployConfigTests
{
    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([RepoPaths.Root, .. path]));

    // --- .github/workflows/pull-request.yml ---

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Read(".github", "workflows", "pull-request.yml")));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IEnumerable<YamlMappingNode> Steps(YamlMappingNode workflow) =>
        ((YamlMappingNode)workflow["jobs"]).Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>());

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode s ? s.Value : null;

    [Fact]
    public void Workflow_runs_on_every_pull_request()
    {
        var on = Workflow()["on"];
        Assert.True(on is YamlMappingNode m && m.Children.ContainsKey(new YamlScalarNode("pull_request")), "the workflow is not triggered by pull_request");
    }

    [Fact]
    public void Workflow_checks_out_full_history_and_sets_up_dotnet_from_global_json()
    {
        var steps = Steps(Workflow()).ToList();
        var checkouts = steps.Where(s => Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).ToList();
        Assert.NotEmpty(checkouts);
        Assert.All(checkouts, c => Assert.Equal("0", Scalar((YamlMappingNode)c["with"], "fetch-depth")));
        var setups = steps.Where(s => Scalar(s, "uses")?.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal) == true).ToList();
        Assert.Equal(checkouts.Count, setups.Count);
        Assert.All(setups, s => Assert.Equal("global.json", Scalar((YamlMappingNode)s["with"], "global-json-file")));
    }

    [Fact]
    public void Workflow_checks_content_against_the_base_branch_runs_the_tests_and_builds()
    {
        var steps = Steps(Workflow()).ToList();
        var runs = steps.Select(s => Scalar(s, "run")).OfType<string>().ToList();

        var check = steps.Single(s => Scalar(s, "run")?.Contains(" check --base ", StringComparison.Ordinal) == true);
        Assert.Contains("dotnet run --project src/DhrPortal.Cli", Scalar(check, "run")!, StringComparison.Ordinal);
        Assert.Contains("\"origin/$BASE_REF\"", Scalar(check, "run")!, StringComparison.Ordinal);
        // The ref reaches the shell through an environment variable, never pasted into the script.
        Assert.Equal("${{ github.base_ref }}", Scalar((YamlMappingNode)check["env"], "BASE_REF"));
        Assert.Contains(runs, r => r.Trim() == "bash .ci/run");
        Assert.Contains(runs, r => r.Contains("src/DhrPortal.Cli -c Release -- build", StringComparison.Ordinal));
        Assert.Contains(runs, r => r.Contains("-- schemas", StringComparison.Ordinal) && r.Contains("git diff --quiet -- schemas/", StringComparison.Ordinal));
        // The README names the same test command.
        Assert.Contains("bash .ci/run", Read("README.md"), StringComparison.Ordinal);
    }

    // --- netlify.toml ---

    private static TomlTable Netlify() => TomlSerializer.Deserialize<TomlTable>(Read("netlify.toml"))!;

    [Fact]
    public void Netlify_builds_with_the_sdk_install_script_and_publishes_site()
    {
        var build = (TomlTable)Netlify()["build"];

        Assert.Equal("_site", (string)build["publish"]);
        Assert.Equal("bash .ci/netlify-build", (string)build["command"]);
        var script = Read(".ci", "netlify-build");
        Assert.Contains("dotnet-install.sh --jsonfile global.json", script, StringComparison.Ordinal);
        Assert.Contains("-- build --output _site", script, StringComparison.Ordinal);
        // The CLI's default output folder is the one Netlify publishes.
        Assert.Contains("DefaultValueFactory = _ => \"_site\"", Read("src", "DhrPortal.Cli", "Commands.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Netlify_builds_a_deploy_preview_for_each_pull_request()
    {
        var context = (TomlTable)Netlify()["context"];
        var preview = (TomlTable)context["deploy-preview"];

        Assert.Equal("bash .ci/netlify-build", (string)preview["command"]);
    }

    [Fact]
    public void Netlify_sends_the_security_headers_and_the_404_rule()
    {
        var toml = Netlify();
        var headers = ((TomlTableArray)toml["headers"]).ToList();
        var all = headers.Single(h => (string)h["for"] == "/*");
        var values = (TomlTable)all["values"];
        Assert.StartsWith("default-src 'none'", (string)values["Content-Security-Policy"], StringComparison.Ordinal);
        Assert.Equal("nosniff", (string)values["X-Content-Type-Options"]);
        Assert.Contains(headers, h => (string)h["for"] == "/assets/*");

        var redirect = Assert.Single((TomlTableArray)toml["redirects"]);
        Assert.Equal(("/*", "/404.html", 404L, false), ((string)redirect["from"], (string)redirect["to"], (long)redirect["status"], (bool)redirect["force"]));
    }

    [Fact]
    public void Renamed_review_redirects_are_published_where_netlify_reads_them()
    {
        // Netlify reads _redirects at the root of the published folder.
        Assert.Equal("_redirects", UrlScheme.FileFor(UrlScheme.Redirects));
        Assert.Contains(UrlScheme.FileFor(UrlScheme.Redirects), SiteBuilder.DataFiles);
    }

    // --- editor settings ---

    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    [Fact]
    public void Vscode_maps_each_registry_to_its_schema_and_recommends_the_yaml_extension()
    {
        using var settings = JsonDocument.Parse(Read(".vscode", "settings.json"), Jsonc);
        var map = settings.RootElement.GetProperty("yaml.schemas").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()).Single(), StringComparer.Ordinal);
        // Front matter of Markdown files (reviews, studies) is not read by the YAML extension: only the registries are mapped.
        var registries = ContentSchemas.Files.Where(f => !f.InputPattern.EndsWith(".md", StringComparison.Ordinal)).ToList();
        Assert.Equal(registries.Count, map.Count);
        foreach (var (schema, input) in registries)
        {
            Assert.Equal("input/" + input, map["./" + ContentSchemas.Folder + "/" + schema]);
            Assert.True(File.Exists(Path.Combine(RepoPaths.Root, ContentSchemas.Folder, schema)), $"{schema} is not committed");
        }

        using var extensions = JsonDocument.Parse(Read(".vscode", "extensions.json"), Jsonc);
        Assert.Contains("redhat.vscode-yaml", extensions.RootElement.GetProperty("recommendations").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Vscode_check_task_reads_dhr_diagnostics_into_the_problems_panel()
    {
        using var tasks = JsonDocument.Parse(Read(".vscode", "tasks.json"), Jsonc);
        var task = tasks.RootElement.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("label").GetString() == "dhr check");
        var pattern = task.GetProperty("problemMatcher").GetProperty("pattern");
        var regex = new Regex(pattern.GetProperty("regexp").GetString()!);
        var d = new Diagnostic("DHR104", Severity.Error, "'dhx' is not an allowed value for 'review_type'.", new SourceSpan("reviews/manchester-2024.md", 12, 14), "Did you mean 'dhr'?");

        var line = DiagnosticFormatter.Console(d, "input").Split('\n')[0];
        var m = regex.Match(line);

        Assert.True(m.Success, line);
        string Group(string name) => m.Groups[pattern.GetProperty(name).GetInt32()].Value;
        Assert.Equal(("input/reviews/manchester-2024.md", "12", "14", "error", "DHR104"), (Group("file"), Group("line"), Group("column"), Group("severity"), Group("code")));
        Assert.Equal(d.Message, Group("message"));
    }

    [Fact]
    public void Contributing_guide_exists_and_is_linked_from_the_readme()
    {
        var guide = Read("CONTRIBUTING.md");
        Assert.Contains("](CONTRIBUTING.md)", Read("README.md"), StringComparison.Ordinal);
        foreach (var topic in new[] { "dhr new review", "dhr check", "dhr serve", "deploy preview", "previous_ids", "aliases:", "themes.yml", "DHR501", "dhr schemas" })
            Assert.Contains(topic, guide, StringComparison.Ordinal);
        // Every diagnostic code the guide explains exists.
        foreach (Match code in Regex.Matches(guide, @"DHR\d{3}"))
            Assert.Contains(DiagnosticCodes.All, c => c.Id == code.Value);
    }
}
