using System;
using Flow.Cockpit.Live;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Flow.Cockpit;

/// <summary>Registers the cockpit; the host also calls <c>AddFlowRuntime</c> (the cockpit uses its <see cref="Flow.Engine.FlowEngine"/>).</summary>
public static class CockpitServiceCollectionExtensions
{
    /// <summary>The name of the cockpit's OpenAPI document (<c>{prefix}/openapi/flow-cockpit.json</c>).</summary>
    public const string DocumentName = "flow-cockpit";

    /// <summary>Adds the cockpit's services: its options, the deployment timeline, live updates and its OpenAPI document.</summary>
    public static IServiceCollection AddFlowCockpit(this IServiceCollection services, Action<CockpitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CockpitOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<CockpitSignals>();
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<SharedTokenCounts>(provider));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<CockpitJournal>(provider));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<CockpitTenants>(provider));
        services.AddAuthorization();
        services.AddProblemDetails();
        services.AddOpenApi(DocumentName, o => o.ShouldInclude = description => description.GroupName == DocumentName);
        return services;
    }
}
