using Flow.Cockpit;
using Flow.Compilation;
using Flow.Engine;
using Flow.Hosting;
using Shop.Web;

// A web host with the Flow cockpit at /flows. In Development the cockpit is open; elsewhere it
// requires the two policies below, and the host brings its own authentication (cookies, JWT,
// Negotiate...) whose users carry the roles.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddFlowRuntime();
builder.Services.AddSingleton(services => new ContentDeployer(services.GetRequiredService<FlowEngine>().Registry, new ContentDeployerOptions { CompileTimeout = TimeSpan.FromSeconds(60) }));
builder.Services.AddAuthorization(o =>
{
    o.AddPolicy("flow-reader", p => p.RequireRole("flow-reader", "flow-operator"));
    o.AddPolicy("flow-operator", p => p.RequireRole("flow-operator"));
});
builder.Services.AddFlowCockpit(o =>
{
    if (!builder.Environment.IsDevelopment())
    {
        o.ReaderPolicy = "flow-reader";
        o.OperatorPolicy = "flow-operator";
    }

    // Operators may upload .bpmn text (compiled here by Flow.Runtime.Compilation) and deploy
    // folders under Shop:DeploymentRoot (none when unset).
    o.DeployBpmn = OrderReview.DeployUploadAsync;
    o.DeploymentRoot = builder.Configuration["Shop:DeploymentRoot"];
});

var app = builder.Build();
app.MapFlowCockpit("/flows");
app.MapGet("/", () => Results.Redirect("/flows/"));

// Deploy the order-review diagram and, unless Shop:DemoOrders says 0, start a few orders that wait for approval.
await OrderReview.DeployAsync(app.Services.GetRequiredService<FlowEngine>(), app.Services.GetRequiredService<ContentDeployer>(), app.Configuration.GetValue("Shop:DemoOrders", 3));
app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the cockpit's tests.</summary>
public partial class Program;
