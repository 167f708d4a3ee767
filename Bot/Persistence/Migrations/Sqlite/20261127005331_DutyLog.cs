using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DutyLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DutyLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Post = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    What = table.Column<string>(type: "TEXT", maxLength: 600, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EscalationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 600, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Report = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReportRemindAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReportDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyLog", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DutyLog_People_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InspectionRounds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Slot = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CompletedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LightingSwitches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ConfirmedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LightingSwitches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncidentReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    Course = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Cause = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Handling = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Loss = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Improvement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    WrittenById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentReports_DutyLog_EntryId",
                        column: x => x.EntryId,
                        principalTable: "DutyLog",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLog_Date_Post",
                table: "DutyLog",
                columns: new[] { "Date", "Post" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLog_RecordedById",
                table: "DutyLog",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_DutyLog_Report_ReportRemindAt",
                table: "DutyLog",
                columns: new[] { "Report", "ReportRemindAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyLog_Status_Kind",
                table: "DutyLog",
                columns: new[] { "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentReports_EntryId",
                table: "IncidentReports",
                column: "EntryId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionRounds_Date_ShiftCode_Slot",
                table: "InspectionRounds",
                columns: new[] { "Date", "ShiftCode", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InspectionRounds_Stage_Date",
                table: "InspectionRounds",
                columns: new[] { "Stage", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_LightingSwitches_Date_Action",
                table: "LightingSwitches",
                columns: new[] { "Date", "Action" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LightingSwitches_Stage_DueAt",
                table: "LightingSwitches",
                columns: new[] { "Stage", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentReports");

            migrationBuilder.DropTable(
                name: "InspectionRounds");

            migrationBuilder.DropTable(
                name: "LightingSwitches");

            migrationBuilder.DropTable(
                name: "DutyLog");
        }
    }
}
