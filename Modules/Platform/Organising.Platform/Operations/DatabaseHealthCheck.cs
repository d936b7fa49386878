using Microsoft.Extensions.Diagnostics.HealthChecks;
using Organising.Platform.Data;
using Dapper;

namespace Organising.Platform.Operations;

/// <summary>Healthy when the database answers and every module's migrations have run.</summary>
public sealed class DatabaseHealthCheck(IDbConnectionFactory factory, Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["migrations"] = migrator.Completed ? "applied" : "pending" };
        try
        {
            await using var connection = await factory.OpenAsync(ct);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
            data["database"] = "reachable";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            data["database"] = "unreachable";
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex, data);
        }
        return migrator.Completed
            ? HealthCheckResult.Healthy("Database reachable, migrations applied.", data)
            : HealthCheckResult.Unhealthy("Migrations have not been applied.", data: data);
    }
}
