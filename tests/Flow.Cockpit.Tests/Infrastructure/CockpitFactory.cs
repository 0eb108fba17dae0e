using System.Net.Http.Headers;
using Flow.Compilation;
using Flow.Engine;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Web;

namespace Flow.Cockpit.Tests.Infrastructure;

/// <summary>
/// samples/Shop.Web in Production (so the cockpit requires its policies), without demo orders,
/// with the test role scheme as its authentication. <see cref="Kestrel"/> serves it on a real
/// port for the browser.
/// </summary>
public sealed class CockpitFactory : WebApplicationFactory<Program>
{
    private readonly bool _kestrel;

    public CockpitFactory() : this(kestrel: false)
    {
    }

    private CockpitFactory(bool kestrel)
    {
        _kestrel = kestrel;
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    /// <summary>A factory listening on 127.0.0.1 at a free port.</summary>
    public static CockpitFactory Kestrel()
    {
        var factory = new CockpitFactory(kestrel: true);
        factory.StartServer();
        return factory;
    }

    /// <summary>The address Kestrel listens on (e.g. http://127.0.0.1:41234).</summary>
    public Uri Address
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    public FlowEngine Engine => Services.GetRequiredService<FlowEngine>();

    /// <summary>Host settings applied before the host starts (e.g. Shop:DeploymentRoot).</summary>
    public Dictionary<string, string> Settings { get; } = new();

    /// <summary>Changes the cockpit's options after the sample configured them (set before the host starts).</summary>
    public Action<CockpitOptions>? ConfigureCockpit { get; set; }

    /// <summary>More test services, registered after the sample's (set before the host starts; e.g. a store that races).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Shop:DemoOrders", "0");
        foreach (var (name, value) in Settings)
        {
            builder.UseSetting(name, value);
        }
        if (_kestrel)
        {
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }

        builder.ConfigureTestServices(services =>
        {
            if (ConfigureCockpit is { } configure)
            {
                services.PostConfigure(configure);
            }

            ConfigureServices?.Invoke(services);
            services.AddAuthentication(TestRoleHandler.SchemeName).AddScheme<AuthenticationSchemeOptions, TestRoleHandler>(TestRoleHandler.SchemeName, null);
        });
    }

    /// <summary>A client acting as <paramref name="role"/> (reader, operator) or anonymous (null).</summary>
    public HttpClient As(string? role)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(60);
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(TestRoleHandler.Header, role);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    /// <summary>Starts <paramref name="count"/> orders waiting at Task_Approve; returns their ids.</summary>
    public async Task<IReadOnlyList<string>> StartOrdersAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Engine.StartAsync(OrderReview.Key, $$"""{"customer":"c{{i}}","amount":100}""")).Id);
        }

        return ids;
    }

    /// <summary>Deploys the order-review diagram again with <paramref name="edit"/> applied to its text (a new version).</summary>
    public async Task<int> DeployEditedAsync(Func<string, string> edit)
    {
        return (await Services.GetRequiredService<ContentDeployer>().DeployAsync(OrderReview.Key, edit(OrderReview.Text()))).Version;
    }
}
