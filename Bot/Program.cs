using Bot;
using Bot.Channels.LocalChat;
using Bot.Channels.Teams;
using Bot.Channels.WeCom;
using Bot.Conversations;
using Bot.Features.Callbacks;
using Bot.Features.Demo;
using Bot.Features.Directory;
using Bot.Features.Duty;
using Bot.Features.Escalation;
using Bot.Features.Keys;
using Bot.Features.Handover;
using Bot.Features.Hazards;
using Bot.Features.Archives;
using Bot.Features.Calls;
using Bot.Features.Custody;
using Bot.Features.Tickets;
using Bot.Persistence;
using Bot.Scheduling;

var builder = WebApplication.CreateBuilder(args);
builder.UseShippedAppSettings();

builder.AddPersistence();
builder.AddConversations();
builder.AddDirectory();
builder.AddDirectoryAdmin();
builder.AddDuty();
builder.AddEscalation();
builder.AddKeys();
builder.AddHandover();
builder.AddCallbacks();
builder.AddHazards();
builder.AddArchives();
builder.AddCalls();
builder.AddCustody();
builder.AddTickets();
builder.AddDemoData();
builder.AddLocalChat();
builder.AddTeamsChannel();
builder.AddWeComChannel();
builder.AddScheduling();
builder.AddHttpApi();

var app = builder.Build();

await app.MigrateDatabaseAsync();
await app.LoadDemoDataAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapHealthChecks("/healthz");
app.MapLocalChat();
app.MapTeamsChannel();
app.MapWeComChannel();
app.MapDirectoryAdmin();
app.MapKeys();
app.MapDuty();
app.MapHandoverAdmin();
app.MapCallbacks();
app.MapHazards();
app.MapArchives();
app.MapTickets();
app.AnnounceWhereToChat();

await app.RunAsync();

public partial class Program;
