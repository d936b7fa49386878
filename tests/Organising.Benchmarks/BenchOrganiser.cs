using Organising.Platform.Identity;

namespace Organising.Benchmarks;

/// <summary>The user the benchmarks act as: an Organiser, who sees everyone.</summary>
internal sealed class BenchOrganiser : ICurrentUser
{
    public Guid? Id { get; } = Guid.CreateVersion7();
    public string? Name => "Benchmark organiser";
    public string? Role => Roles.Organiser;
    public bool IsInRole(string role) => role == Role;
}
