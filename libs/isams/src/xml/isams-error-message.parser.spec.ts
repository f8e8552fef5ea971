import { parseIsamsErrorMessage } from './isams-error-message.parser';

describe('parseIsamsErrorMessage', () => {
  it('reads every field of an iSAMS error document declared utf-16 but sent as UTF-8', () => {
    const body = Buffer.from(
      '<?xml version="1.0" encoding="utf-16"?>\r\n<Message>\r\n  <MessageId>UnhandledException</MessageId>\r\n' +
        '  <MessageName>Unhandled Exception</MessageName>\r\n  <Title>An error occurred</Title>\r\n' +
        '  <Description>Transaction (Process ID 52) was deadlocked on lock resources with another process &amp; has been chosen as the deadlock victim. Rerun the transaction.</Description>\r\n</Message>',
      'utf8',
    );
    expect(parseIsamsErrorMessage(body)).toEqual({
      messageId: 'UnhandledException',
      messageName: 'Unhandled Exception',
      title: 'An error occurred',
      description:
        'Transaction (Process ID 52) was deadlocked on lock resources with another process & has been chosen as the deadlock victim. Rerun the transaction.',
    });
  });

  it('leaves empty and whitespace-only fields out', () => {
    expect(
      parseIsamsErrorMessage(
        '<Message><MessageId>InvalidApiKey</MessageId><MessageName/><Title>  </Title><Description>&#x20;</Description></Message>',
      ),
    ).toEqual({
      messageId: 'InvalidApiKey',
    });
  });

  it('reads a UTF-16LE body with a BOM', () => {
    const xml =
      '<?xml version="1.0" encoding="utf-16"?><Message><MessageId>MethodsNotAllocatedToKeyException</MessageId></Message>';
    const body = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]);
    expect(parseIsamsErrorMessage(body)).toEqual({ messageId: 'MethodsNotAllocatedToKeyException' });
  });

  it.each([
    ['an HTML gateway page', '<html><body><h1>503 Service Unavailable</h1></body></html>'],
    ['an empty body', ''],
    ['JSON', '{"message":"Too many requests"}'],
    ['a truncated error document', '<Message><MessageId>InvalidApiKey</MessageId><Title>Inva'],
    ['a Batch data document', '<iSAMS><PupilManager/></iSAMS>'],
    [
      'a DOCTYPE attack',
      '<!DOCTYPE Message [<!ENTITY x SYSTEM "file:///etc/passwd">]><Message><MessageId>&x;</MessageId></Message>',
    ],
    ['a body over 1 MB', `<Message><Description>${'x'.repeat(1024 * 1024)}</Description></Message>`],
  ])('returns undefined, never throws, for %s', (_what, body) => {
    expect(parseIsamsErrorMessage(body)).toBeUndefined();
  });
});
