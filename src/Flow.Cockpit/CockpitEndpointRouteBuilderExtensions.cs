using System;
using Flow.Cockpit.Api;
using Flow.Cockpit.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Flow.Cockpit;

/// <summary>Maps the cockpit's page and API under a prefix.</summary>
public static class CockpitEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the page at <paramref name="prefix"/>/, the API under <paramref name="prefix"/>/api and
    /// the OpenAPI document at <paramref name="prefix"/>/openapi/flow-cockpit.json. Every endpoint
    /// requires <see cref="CockpitOptions.ReaderPolicy"/>; the changing ones also
    /// <see cref="CockpitOptions.OperatorPolicy"/>. Outside Development both must be set (else
    /// FLOW6400); in Development, unset policies leave the cockpit open.
    /// </summary>
    public static IEndpointConventionBuilder MapFlowCockpit(this IEndpointRouteBuilder endpoints, string prefix = "/flows")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        prefix = "/" + prefix.Trim('/');
        var services = endpoints.ServiceProvider;
        var options = services.GetRequiredService<IOptions<CockpitOptions>>().Value;
        var development = services.GetService<IHostEnvironment>()?.IsDevelopment() == true;
        if ((options.ReaderPolicy is null || options.OperatorPolicy is null) && !development)
        {
            throw new InvalidOperationException(
                $"{CockpitErrors.PoliciesMissing}: the cockpit at '{prefix}' needs an authorization policy for readers and one for operators outside Development: "
                + "AddFlowCockpit(o => { o.ReaderPolicy = \"...\"; o.OperatorPolicy = \"...\"; }).");
        }

        // Created now, so the timeline holds the deployments that follow from here on.
        _ = services.GetRequiredService<CockpitJournal>();
        _ = services.GetRequiredService<CockpitTenants>();

        var all = endpoints.MapGroup(prefix).WithGroupName(CockpitServiceCollectionExtensions.DocumentName).WithTags("Flow cockpit");
        Guard(all, options.ReaderPolicy);
        var api = all.MapGroup("/api");
        api.AddEndpointFilter(Problems.RefuseInvalidIdsAsync);
        var operate = api.MapGroup("");
        Guard(operate, options.OperatorPolicy);
        operate.AddEndpointFilter(CrossSiteRequests.RefuseSimpleRequestsAsync);

        PageEndpoints.Map(all, api);
        DeploymentEndpoints.Map(api, operate);
        UploadEndpoints.Map(operate);
        MessageEndpoints.Map(operate);
        ProcessEndpoints.Map(api);
        InstanceEndpoints.Map(api, operate);
        LiveEndpoints.Map(api);
        var document = endpoints.MapOpenApi(prefix + "/openapi/{documentName}.json");
        Guard(document, options.ReaderPolicy);
        return all;
    }

    private static void Guard(IEndpointConventionBuilder builder, string? policy)
    {
        if (policy is null)
        {
            builder.AllowAnonymous();   // Development only (checked above)
        }
        else
        {
            builder.RequireAuthorization(policy);
        }
    }
}
