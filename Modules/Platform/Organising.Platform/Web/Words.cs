namespace Organising.Platform.Web;

/// <summary>Numbers in sentences: "1 story", "2 stories", "1,250 people".</summary>
public static class Words
{
    public static string Count(int n, string one, string many) => $"{n:N0} {(n == 1 ? one : many)}";
}
