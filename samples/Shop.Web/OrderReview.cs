using System.Globalization;
using Flow.Cockpit;
using Flow.Compilation;
using Flow.Deployment;
using Flow.Engine;

namespace Shop.Web;

/// <summary>The sample's one diagram, deployed from its text, and a few demo orders.</summary>
public static class OrderReview
{
    /// <summary>The process key (and deployment name).</summary>
    public const string Key = "order-review";

    /// <summary>The embedded diagram's text.</summary>
    public static string Text()
    {
        using var stream = typeof(OrderReview).Assembly.GetManifestResourceStream("order-review.bpmn")
            ?? throw new InvalidOperationException("order-review.bpmn is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Deploys the diagram (version 1) and starts <paramref name="demoOrders"/> orders.</summary>
    public static async Task DeployAsync(FlowEngine engine, ContentDeployer deployer, int demoOrders)
    {
        await deployer.DeployAsync(Key, Text());
        for (var i = 0; i < demoOrders; i++)
        {
            var amount = (120 + (i * 35)).ToString(CultureInfo.InvariantCulture);
            await engine.StartAsync(Key, $$"""{"customer":"customer {{i + 1}}","amount":{{amount}}}""");
        }
    }

    /// <summary>The cockpit's upload of .bpmn text: compiled and deployed under its key (for its tenant, when given).</summary>
    public static Task<DeployedVersion> DeployUploadAsync(IServiceProvider services, BpmnUpload upload, CancellationToken cancellationToken)
    {
        var deployer = services.GetRequiredService<ContentDeployer>();
        return upload.TenantId is null
            ? deployer.DeployAsync(upload.Key, upload.Text, cancellationToken)
            : deployer.DeployIncrementalAsync(upload.Key, [new BpmnContent(upload.Key, upload.Text)], upload.TenantId, cancellationToken);
    }
}
