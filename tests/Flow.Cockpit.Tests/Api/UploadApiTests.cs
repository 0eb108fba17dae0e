using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flow.Cockpit.Tests.Infrastructure;
using Shop.Web;

namespace Flow.Cockpit.Tests.Api;

/// <summary>Deploying through the API: an uploaded package or BPMN text, a folder under the allowed root; refusals are problems and change nothing live.</summary>
public sealed class UploadApiTests : IAsyncLifetime
{
    private readonly CockpitFactory _factory = new();
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cockpit-root-");
    private readonly DirectoryInfo _outside = Directory.CreateTempSubdirectory("cockpit-outside-");

    private HttpClient Operator => _factory.As("operator");

    public Task InitializeAsync()
    {
        _factory.Settings["Shop:DeploymentRoot"] = _root.FullName;
        _ = _factory.Server;   // starts the host (deploys v1)
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _root.Delete(recursive: true);
        _outside.Delete(recursive: true);
    }

    private static async Task<JsonElement> UploadAsync(HttpClient client, string path, byte[] body, string mediaType, HttpStatusCode expected)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.PostAsync(path, content).WaitAsync(Http.Timeout);
        return await Http.ReadAsync(response, expected);
    }

    private int Live => _factory.Engine.Registry.Latest[OrderReview.Key].Version;

    [Fact]
    public async Task Uploaded_BPMN_text_becomes_the_live_version()
    {
        var text = OrderReview.Text().Replace("Ship order", "Ship the order", StringComparison.Ordinal);
        var deployed = await UploadAsync(Operator, "/flows/api/deployments?key=order-review", Encoding.UTF8.GetBytes(text), "application/xml", HttpStatusCode.OK);

        Assert.Equal(2, deployed.GetProperty("version").GetInt32());
        Assert.Equal(2, deployed.GetProperty("deployment").GetProperty("liveVersion").GetInt32());
        Assert.Equal(2, Live);
        Assert.Contains("Ship the order", (await Operator.JsonAsync("/flows/api/processes/order-review")).GetProperty("bpmnXml").GetString(), StringComparison.Ordinal);
        var history = await Operator.JsonAsync("/flows/api/deployments/order-review/history");
        Assert.Contains(history.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "activated" && e.GetProperty("version").GetInt32() == 2);
    }

    [Fact]
    public async Task BPMN_text_that_does_not_compile_is_a_problem_with_its_diagnostics_and_nothing_changes()
    {
        var latest = _factory.Engine.Registry.Latest[OrderReview.Key];
        var broken = OrderReview.Text().Replace("targetRef=\"Task_Ship\"", "targetRef=\"Task_Nowhere\"", StringComparison.Ordinal);
        Assert.NotEqual(OrderReview.Text(), broken);

        var problem = await UploadAsync(Operator, "/flows/api/deployments?key=order-review", Encoding.UTF8.GetBytes(broken), "application/xml", HttpStatusCode.UnprocessableEntity);

        Http.AssertProblem(problem, "FLOW6250", 422);
        var diagnostics = problem.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        Assert.Contains(diagnostics, d => d.GetProperty("id").GetString()!.StartsWith("FLOW", StringComparison.Ordinal) && d.GetProperty("line").GetInt32() > 0);
        Assert.Same(latest, _factory.Engine.Registry.Latest[OrderReview.Key]);

        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments", Encoding.UTF8.GetBytes(OrderReview.Text()), "application/xml", HttpStatusCode.BadRequest), "FLOW6411", 400);
        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments", [1, 2, 3], "text/plain", HttpStatusCode.UnsupportedMediaType), "FLOW6411", 415);
        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments?key=a%2Fb", Encoding.UTF8.GetBytes(OrderReview.Text()), "application/xml", HttpStatusCode.BadRequest), "FLOW6411", 400);
        var empty = await UploadAsync(Operator, "/flows/api/deployments?key=order-review", [], "application/xml", HttpStatusCode.UnprocessableEntity);
        Http.AssertProblem(empty, "FLOW6250", 422);
        Assert.Equal("FLOW0001", empty.GetProperty("diagnostics")[0].GetProperty("id").GetString());
        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments?key=order-review", [0xC3, 0x28], "application/xml", HttpStatusCode.BadRequest), "FLOW6411", 400);
        Assert.Same(latest, _factory.Engine.Registry.Latest[OrderReview.Key]);
    }

    [Fact]
    public async Task An_uploaded_package_deploys_at_its_root_or_in_one_top_folder()
    {
        var package = await Packages.OrderReviewAsync(2, text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));

        var deployed = await UploadAsync(Operator, "/flows/api/deployments", Packages.Zip(package), "application/zip", HttpStatusCode.OK);
        Assert.Equal(2, deployed.GetProperty("version").GetInt32());
        Assert.Equal(2, Live);

        // The same content zipped inside its folder: identical, so nothing new activates.
        var again = await UploadAsync(Operator, "/flows/api/deployments", Packages.Zip(package, top: "order-review/"), "application/zip", HttpStatusCode.OK);
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        var history = await Operator.JsonAsync("/flows/api/deployments/order-review/history");
        Assert.Equal("unchanged", history.GetProperty("events").EnumerateArray().Last().GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_refused_package_is_a_problem_with_its_FLOW_id_and_nothing_live_changes()
    {
        var latest = _factory.Engine.Registry.Latest[OrderReview.Key];
        var package = await Packages.OrderReviewAsync(2, text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));

        var traversal = Packages.Zip(package, extra: new Dictionary<string, byte[]> { ["../evil.dll"] = [1] });
        Assert.Contains("../evil.dll", Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments", traversal, "application/zip", HttpStatusCode.BadRequest), "FLOW6411", 400), StringComparison.Ordinal);
        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments", Encoding.UTF8.GetBytes("not a zip"), "application/zip", HttpStatusCode.BadRequest), "FLOW6411", 400);
        var noManifest = Packages.Zip(package with { ManifestJson = "{}" }, top: "a/", extra: new Dictionary<string, byte[]> { ["b/x"] = [1] });
        Http.AssertProblem(await UploadAsync(Operator, "/flows/api/deployments", noManifest, "application/zip", HttpStatusCode.BadRequest), "FLOW6411", 400);

        // A file that does not match the manifest's hash: the registry refuses it with its own id.
        var tampered = package with { Files = package.Files.ToDictionary(f => f.Key, f => f.Key.EndsWith(".dll", StringComparison.Ordinal) ? f.Value.Concat(new byte[] { 0 }).ToArray() : f.Value) };
        var refused = await UploadAsync(Operator, "/flows/api/deployments", Packages.Zip(tampered), "application/zip", HttpStatusCode.Conflict);
        var flowId = refused.GetProperty("flowId").GetString()!;
        Assert.StartsWith("FLOW60", flowId, StringComparison.Ordinal);
        Assert.Same(latest, _factory.Engine.Registry.Latest[OrderReview.Key]);
        var failed = (await Operator.JsonAsync("/flows/api/events")).EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "failed");
        Assert.Equal(flowId, failed.GetProperty("flowId").GetString());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_FLOW6410()
    {
        await using var small = new CockpitFactory { ConfigureCockpit = o => o.MaxUploadBytes = 1024 };
        var latest = small.Engine.Registry.Latest[OrderReview.Key];
        var package = await Packages.OrderReviewAsync(2, text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));

        Http.AssertProblem(await UploadAsync(small.As("operator"), "/flows/api/deployments", Packages.Zip(package), "application/zip", HttpStatusCode.RequestEntityTooLarge), "FLOW6410", 413);
        Http.AssertProblem(await UploadAsync(small.As("operator"), "/flows/api/deployments?key=order-review", new byte[2048], "application/xml", HttpStatusCode.RequestEntityTooLarge), "FLOW6410", 413);
        Assert.Same(latest, small.Engine.Registry.Latest[OrderReview.Key]);
    }

    [Fact]
    public async Task A_folder_under_the_root_deploys_and_nothing_outside_it_does()
    {
        var package = await Packages.OrderReviewAsync(2, text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));
        Packages.WriteFolder(package, Path.Combine(_outside.FullName, "v2"));
        var latest = _factory.Engine.Registry.Latest[OrderReview.Key];

        foreach (var folder in new[] { "../" + _outside.Name + "/v2", _outside.FullName + "/v2", "a/../../x", "", "missing" })
        {
            var problem = await Operator.PostAsync("/flows/api/deployments/folder", JsonSerializer.Serialize(new { folder }), HttpStatusCode.Forbidden);
            Http.AssertProblem(problem, "FLOW6413", 403);
        }

        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "link"), _outside.FullName);
        Assert.Contains("link", Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/folder", """{"folder":"link/v2"}""", HttpStatusCode.Forbidden), "FLOW6413", 403), StringComparison.Ordinal);
        Http.AssertProblem(await Operator.PostAsync("/flows/api/deployments/folder", """{"path":"v2"}""", HttpStatusCode.BadRequest), "FLOW6404", 400);
        Assert.Same(latest, _factory.Engine.Registry.Latest[OrderReview.Key]);

        Packages.WriteFolder(package, Path.Combine(_root.FullName, "orders", "v2"));
        var deployed = await Operator.PostAsync("/flows/api/deployments/folder", """{"folder":"orders/v2"}""");
        Assert.Equal(2, deployed.GetProperty("version").GetInt32());
        Assert.Equal(2, Live);
    }

    [Fact]
    public async Task Without_a_root_or_a_content_deployer_those_deployments_are_refused()
    {
        await using var bare = new CockpitFactory { ConfigureCockpit = o => { o.DeploymentRoot = null; o.DeployBpmn = null; } };
        var latest = bare.Engine.Registry.Latest[OrderReview.Key];

        Http.AssertProblem(await bare.As("operator").PostAsync("/flows/api/deployments/folder", """{"folder":"v2"}""", HttpStatusCode.Forbidden), "FLOW6413", 403);
        Http.AssertProblem(await UploadAsync(bare.As("operator"), "/flows/api/deployments?key=order-review", Encoding.UTF8.GetBytes(OrderReview.Text()), "application/xml", HttpStatusCode.UnsupportedMediaType), "FLOW6412", 415);
        Assert.Same(latest, bare.Engine.Registry.Latest[OrderReview.Key]);
    }
}
