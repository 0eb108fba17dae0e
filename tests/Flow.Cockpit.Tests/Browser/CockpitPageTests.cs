using Microsoft.Extensions.DependencyInjection;
using Flow.Cockpit.Tests.Infrastructure;
using Microsoft.Playwright;
using Shop.Web;
using static Microsoft.Playwright.Assertions;

namespace Flow.Cockpit.Tests.Browser;

/// <summary>The cockpit page in a real Chromium against Shop.Web on Kestrel: diagram with counts, completing through the page, rollback from the timeline.</summary>
public sealed class CockpitPageTests : IAsyncLifetime
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(150);

    private CockpitFactory _factory = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _factory = CockpitFactory.Kestrel();
        (_playwright, _browser) = await Chromium.LaunchAsync().WaitAsync(TestTimeout);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }

    private async Task<IPage> OpenAsync(string role)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestRoleHandler.Header] = role },
            ViewportSize = new ViewportSize { Width = 1400, Height = 860 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        SetDefaultExpectTimeout(30_000);
        await page.GotoAsync(new Uri(_factory.Address, "/flows/").ToString());
        return page;
    }

    private static ILocator Count(IPage page, string node) => page.Locator($".flow-count.waiting[data-node=\"{node}\"]");

    [Fact]
    public Task The_diagram_shows_the_waiting_count_and_completing_through_the_page_moves_it() => Run(async () =>
    {
        var ids = await _factory.StartOrdersAsync(2);
        var page = await OpenAsync("operator");

        await Expect(page.Locator("#canvas .djs-element[data-element-id=\"Task_Approve\"]")).ToBeVisibleAsync();
        await Expect(Count(page, "Task_Approve")).ToHaveTextAsync("2");
        await Expect(Count(page, "Task_Ship")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("1-diagram-with-counts") });

        await page.Locator($"tr[data-instance=\"{ids[0]}\"]").ClickAsync();
        await page.Locator("textarea[data-outputs=\"Task_Approve\"]").FillAsync("""{"approved":true}""");
        await page.Locator("button[data-action=\"complete\"][data-node=\"Task_Approve\"]").ClickAsync();

        await Expect(Count(page, "Task_Approve")).ToHaveTextAsync("1");
        await Expect(Count(page, "Task_Ship")).ToHaveTextAsync("1");
        await Expect(page.Locator("#instance-status")).ToContainTextAsync("Task_Ship");
        Assert.Equal(["Task_Ship"], (await _factory.Engine.GetAsync(ids[0]))!.WaitingAt);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("2-after-completion") });
    });

    [Fact]
    public Task A_completion_elsewhere_reaches_the_page_over_server_sent_events() => Run(async () =>
    {
        var ids = await _factory.StartOrdersAsync(3);
        var page = await OpenAsync("reader");
        await Expect(Count(page, "Task_Approve")).ToHaveTextAsync("3");

        await _factory.Engine.CompleteAsync(ids[0], "Task_Approve", """{"approved":true}""");

        await Expect(Count(page, "Task_Approve")).ToHaveTextAsync("2");
        await Expect(Count(page, "Task_Ship")).ToHaveTextAsync("1");
    });

    [Fact]
    public Task A_reader_sees_no_operator_buttons() => Run(async () =>
    {
        var ids = await _factory.StartOrdersAsync(1);
        var page = await OpenAsync("reader");
        await page.Locator($"tr[data-instance=\"{ids[0]}\"]").ClickAsync();

        await Expect(page.Locator("#instance-status")).ToContainTextAsync("Task_Approve");
        await Expect(page.Locator("#role")).ToHaveTextAsync("reader");
        await Expect(page.Locator("button[data-action]")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Rolling_back_from_the_timeline_makes_the_earlier_version_live() => Run(async () =>
    {
        await _factory.StartOrdersAsync(1);
        var page = await OpenAsync("operator");
        await Expect(Count(page, "Task_Approve")).ToHaveTextAsync("1");

        var v2 = await _factory.DeployEditedAsync(text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));
        Assert.Equal(2, v2);
        var rollback = page.Locator("button[data-action=\"rollback\"][data-version=\"1\"]");
        await Expect(rollback).ToBeVisibleAsync();   // the deployment reached the page over SSE
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("3-timeline-before-rollback") });

        await rollback.ClickAsync();

        await Expect(page.Locator("#timeline li.rollback[data-version=\"1\"]")).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline li.rollback[data-version=\"1\"] .live")).ToBeVisibleAsync();
        Assert.Equal(1, _factory.Engine.Registry.Latest[OrderReview.Key].Version);
        await Expect(page.Locator("#version option:checked")).ToContainTextAsync("v1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("4-after-rollback") });
    });

    [Fact]
    public Task Uploading_a_new_version_through_the_page_makes_it_live_on_the_timeline() => Run(async () =>
    {
        var page = await OpenAsync("operator");
        await Expect(page.Locator("#timeline li.activated[data-version=\"1\"] .live")).ToBeVisibleAsync();

        var edited = OrderReview.Text().Replace("Ship order", "Ship the order", StringComparison.Ordinal);
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "order-review.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(edited) });
        await Expect(page.Locator("#upload-key")).ToHaveValueAsync(OrderReview.Key);
        await page.Locator("button[data-action=\"upload\"]").ClickAsync();

        await Expect(page.Locator("#timeline li.activated[data-version=\"2\"] .live")).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-status")).ToContainTextAsync("order-review v2");
        Assert.Equal(2, _factory.Engine.Registry.Latest[OrderReview.Key].Version);
        await Expect(page.Locator("#version option:checked")).ToContainTextAsync("latest (v2)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("5-after-upload") });

        // A diagram that does not compile: the page shows the problem with its diagnostics, and v2 stays live.
        var broken = OrderReview.Text().Replace("targetRef=\"Task_Ship\"", "targetRef=\"Task_Nowhere\"", StringComparison.Ordinal);
        await page.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "order-review.bpmn", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(broken) });
        await page.Locator("button[data-action=\"upload\"]").ClickAsync();
        await Expect(page.Locator("#error")).ToContainTextAsync("FLOW6250");
        Assert.Equal(2, _factory.Engine.Registry.Latest[OrderReview.Key].Version);
    });

    [Fact]
    public Task A_reader_gets_no_upload_control() => Run(async () =>
    {
        var page = await OpenAsync("reader");
        await Expect(page.Locator("#role")).ToHaveTextAsync("reader");
        await Expect(page.Locator("#upload-file")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task Comparing_two_versions_marks_the_changed_node_on_the_diagram() => Run(async () =>
    {
        await _factory.DeployEditedAsync(text => text.Replace("Ship order", "Ship the order", StringComparison.Ordinal));
        var page = await OpenAsync("reader");
        await Expect(page.Locator("#version option:checked")).ToContainTextAsync("latest (v2)");
        await Expect(page.Locator("#canvas .djs-element[data-element-id=\"Task_Ship\"]")).ToBeVisibleAsync();

        await page.Locator("#compare").SelectOptionAsync("1");

        await Expect(page.Locator("#canvas .djs-element.flow-diff-changed[data-element-id=\"Task_Ship\"]")).ToBeVisibleAsync();
        await Expect(page.Locator("#canvas .djs-element.flow-diff-changed")).ToHaveCountAsync(1);
        await Expect(page.Locator("#diff-summary")).ToContainTextAsync("v2 against v1: 1 changed, 0 added, 0 removed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("6-diff-v2-against-v1") });

        await page.Locator("#compare").SelectOptionAsync("");
        await Expect(page.Locator("#canvas .djs-element.flow-diff-changed")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task With_tenants_the_page_offers_a_tenant_selector_that_filters_the_instances() => Run(async () =>
    {
        var page = await OpenAsync("operator");
        await Expect(page.Locator("#role")).ToHaveTextAsync("operator");
        await Expect(page.Locator("#tenant-choice")).ToBeHiddenAsync();

        var shared = (await _factory.StartOrdersAsync(1))[0];
        var deployer = _factory.Services.GetRequiredService<Flow.Compilation.ContentDeployer>();
        await deployer.DeployIncrementalAsync(OrderReview.Key, [new Flow.Compilation.BpmnContent(OrderReview.Key, OrderReview.Text())], tenantId: "acme");
        var acme = (await _factory.Engine.StartAsync(OrderReview.Key, """{"customer":"Ann","amount":5}""", tenantId: "acme")).Id;

        await Expect(page.Locator("#tenant-choice")).ToBeVisibleAsync();   // the deployment event reached the page
        await Expect(page.Locator($"tr[data-instance=\"{shared}\"]")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-instance=\"{acme}\"]")).ToBeVisibleAsync();

        await page.Locator("#tenant").SelectOptionAsync("acme");

        await Expect(page.Locator($"tr[data-instance=\"{shared}\"]")).ToHaveCountAsync(0);
        await Expect(page.Locator($"tr[data-instance=\"{acme}\"]")).ToContainTextAsync("acme");
    });

    [Fact]
    public Task An_instance_waiting_for_a_failed_job_says_where_which_attempt_when_and_why() => Run(async () =>
    {
        var id = await Flow.Cockpit.Tests.Api.JobWaitApiTests.StartFailingOrderAsync(_factory);
        var page = await OpenAsync("reader");
        var row = page.Locator($"tr[data-instance=\"{id}\"]");

        await Expect(row).ToContainTextAsync("waiting for job at Task_Check (attempt 2 of 3, due ");
        await row.ClickAsync();

        await Expect(page.Locator("#instance-status")).ToContainTextAsync("Waiting — waiting for job at Task_Check (attempt 2 of 3, due ");
        await Expect(page.Locator("#instance-status")).ToContainTextAsync("last error: ");
        await Expect(page.Locator("#instance-status")).ToContainTextAsync("carrier down");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Chromium.Screenshot("7-waiting-for-job") });
    });

    private static Task Run(Func<Task> test) => test().WaitAsync(TestTimeout);
}
