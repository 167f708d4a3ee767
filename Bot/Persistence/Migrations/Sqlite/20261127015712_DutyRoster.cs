using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bot.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DutyRoster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttendanceCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    OpenKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AttendanceCorrections_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DutyManagers",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PersonId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyManagers", x => x.Date);
                    table.ForeignKey(
                        name: "FK_DutyManagers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShiftLeaves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<string>(type: "TEXT", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ReturnBy = table.Column<long>(type: "INTEGER", nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EscalatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShiftLeaves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ShiftLeaves_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ShiftSwaps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequesterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ColleagueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ApproverId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RequesterAssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    RequesterShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ColleagueAssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    ColleagueShiftCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ColleagueAnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShiftSwaps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ShiftSwapHolds",
                columns: table => new
                {
                    AssignmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    SwapId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShiftSwapHolds", x => x.AssignmentId);
                    table.ForeignKey(
                        name: "FK_ShiftSwapHolds_RosterAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "RosterAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ShiftSwapHolds_ShiftSwaps_SwapId",
                        column: x => x.SwapId,
                        principalTable: "ShiftSwaps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceCorrections_OpenKey",
                table: "AttendanceCorrections",
                column: "OpenKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceCorrections_PersonId",
                table: "AttendanceCorrections",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceCorrections_Status_ApproverId",
                table: "AttendanceCorrections",
                columns: new[] { "Status", "ApproverId" });

            migrationBuilder.CreateIndex(
                name: "IX_DutyManagers_PersonId",
                table: "DutyManagers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftLeaves_PersonId_Status",
                table: "ShiftLeaves",
                columns: new[] { "PersonId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ShiftLeaves_Status_ReturnBy",
                table: "ShiftLeaves",
                columns: new[] { "Status", "ReturnBy" });

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwapHolds_SwapId",
                table: "ShiftSwapHolds",
                column: "SwapId");

            migrationBuilder.CreateIndex(
                name: "IX_ShiftSwaps_Status_Date",
                table: "ShiftSwaps",
                columns: new[] { "Status", "Date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceCorrections");

            migrationBuilder.DropTable(
                name: "DutyManagers");

            migrationBuilder.DropTable(
                name: "ShiftLeaves");

            migrationBuilder.DropTable(
                name: "ShiftSwapHolds");

            migrationBuilder.DropTable(
                name: "ShiftSwaps");
        }
    }
}
