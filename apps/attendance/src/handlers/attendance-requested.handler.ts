import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { type AttendanceRequestedV1, attendanceRequestedV1, type Envelope } from '@isams-sync/contracts';
import { type HandlerOutcome, MessagingClient, QUEUES } from '@isams-sync/messaging';
import { PullAttendanceService } from '../pull-attendance/pull-attendance.service';

/** On-demand pulls. The slot `request:<eventId>` makes a redelivered request a no-op. */
@Injectable()
export class AttendanceRequestedHandler implements OnApplicationBootstrap {
  constructor(
    private readonly messaging: MessagingClient,
    private readonly pullAttendance: PullAttendanceService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.messaging.consume({
      name: QUEUES.attendanceRequested,
      exchange: 'internal',
      contract: attendanceRequestedV1,
      handle: (message) => this.handle(message),
    });
  }

  private async handle(message: Envelope<AttendanceRequestedV1>): Promise<HandlerOutcome> {
    let pulled = false;
    for (const session of [...new Set(message.data.sessions)]) {
      const result = await this.pullAttendance.execute({
        schoolId: message.schoolId,
        date: message.data.date,
        session,
        slot: `request:${message.eventId}`,
        correlationId: message.correlationId,
      });
      pulled ||= result.outcome === 'pulled';
    }
    return pulled ? 'done' : 'skipped';
  }
}
